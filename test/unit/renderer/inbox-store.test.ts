// The inbox store against a real core, with the list's answers held back so live traffic can arrive
// while a reload or a page is on its way, in a fixed order.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../../shared/domain.js';
import { capture, importRendererModule, installDesktopBridge, until, type RendererHarness } from './desktop-bridge.js';

interface InboxState {
  items: DeliverySummary[];
  loading: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  loaded: boolean;
  setFilters(patch: { endpoint?: string; q?: string }): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  received(row: DeliverySummary): void;
  deleted(ids: number[] | null): void;
}
interface Store<S> {
  getState(): S;
  setState(patch: Partial<S>): void;
}
interface UiState {
  selectedId: number | null;
  detailOpen: boolean;
  marked: number[];
  open(id: number): void;
  toggleMark(id: number): void;
}

let h: RendererHarness;
let useInbox: Store<InboxState>;
let useUi: Store<UiState>;
const inbox = () => useInbox.getState();
const ids = () => inbox().items.map((r) => r.id);
const LIVE_FLUSH_WAIT_MS = 250;

/** Captures a delivery and hands its live row to the store, as the event stream does. */
async function liveDelivery(path: string, body?: string): Promise<number> {
  const id = await capture(h.test, path, body);
  const announced = () => h.announced.find((r) => r.id === id);
  await until(() => announced() !== undefined);
  inbox().received(announced()!);
  return id;
}

const settle = () => until(() => !inbox().loading && !inbox().loadingMore);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  h = await installDesktopBridge();
  useInbox = (await importRendererModule<{ useInbox: Store<InboxState> }>('renderer/state/inbox.ts')).useInbox;
  useUi = (await importRendererModule<{ useUi: Store<UiState> }>('renderer/state/ui.ts')).useUi;
  await h.test.core.dispatch('endpoints.create', { path: '/hooks/a' });
});
afterAll(() => h?.close());
beforeEach(async () => {
  h.stopHolding('deliveries.list');
  await h.test.core.dispatch('deliveries.delete', {});
  h.announced.length = 0; // ids start again from 1 once the table is empty
  useInbox.setState({ items: [], filters: {}, loaded: false, loading: false, loadingMore: false, hasMore: false, error: null } as Partial<InboxState>);
  useUi.setState({ marked: [], selectedId: null, detailOpen: false });
});

describe('the inbox store under live traffic', () => {
  it('keeps a live row that arrives while a filter change is reloading the list', async () => {
    for (let i = 0; i < 3; i++) await capture(h.test, '/hooks/a');
    await inbox().reload();
    expect(ids()).toHaveLength(3);
    const held = h.hold('deliveries.list');
    inbox().setFilters({ endpoint: '/hooks/a' });
    await until(() => held.length === 1); // the server has answered the reload's query: it cannot hold what follows
    const live = await liveDelivery('/hooks/a');
    await sleep(LIVE_FLUSH_WAIT_MS);
    held[0]!.release();
    await settle();
    expect(ids()[0]).toBe(live);
    expect(ids()).toHaveLength(4);
  });

  it('keeps a live row that arrives during the first load', async () => {
    const before = await capture(h.test, '/hooks/a');
    const held = h.hold('deliveries.list');
    void inbox().reload();
    await until(() => held.length === 1);
    const live = await liveDelivery('/hooks/a');
    await sleep(LIVE_FLUSH_WAIT_MS);
    held[0]!.release();
    await settle();
    expect(ids()).toEqual([live, before]);
  });

  it('merges held rows with the filters in force when the answer lands', async () => {
    await inbox().reload();
    const held = h.hold('deliveries.list');
    inbox().setFilters({ endpoint: '/hooks/a' });
    await until(() => held.length === 1);
    await liveDelivery('/hooks/elsewhere');
    const onA = await liveDelivery('/hooks/a');
    await sleep(LIVE_FLUSH_WAIT_MS);
    held[0]!.release();
    await settle();
    expect(ids()).toEqual([onA]);
  });

  it('with a search active, fetches a row that arrived during the reload even when answers come back out of order', async () => {
    await capture(h.test, '/hooks/a', '{"note":"needle 1"}');
    await inbox().reload();
    const held = h.hold('deliveries.list');
    inbox().setFilters({ q: 'needle' });
    await until(() => held.length === 1);
    const live = await liveDelivery('/hooks/a', '{"note":"needle 2"}');
    await sleep(400); // the search's catch-up is debounced by 250 ms
    h.stopHolding('deliveries.list');
    for (const call of [...held].reverse()) call.release(); // the newest request answers first
    await until(() => ids()[0] === live, 2_000);
    expect(ids()).toHaveLength(2);
  });
});

describe('the inbox store when deliveries are deleted', () => {
  it('does not re-add a deleted row from a page that was loading when it was deleted', async () => {
    const PAGE = 500;
    for (let i = 0; i < PAGE + 2; i += 50) await Promise.all(Array.from({ length: Math.min(50, PAGE + 2 - i) }, () => capture(h.test, '/hooks/a')));
    await inbox().reload();
    expect(inbox().hasMore).toBe(true);
    const oldest = Math.min(...(await h.test.core.dispatch('deliveries.list', { limit: PAGE + 2 }) as { items: DeliverySummary[] }).items.map((r) => r.id));
    const held = h.hold('deliveries.list');
    void inbox().loadMore();
    await until(() => held.length === 1);
    await h.test.core.dispatch('deliveries.delete', { ids: [oldest] });
    inbox().deleted([oldest]);
    held[0]!.release();
    h.stopHolding('deliveries.list');
    await settle();
    await inbox().loadMore(); // the list asks again when its end comes into view
    await settle();
    expect(ids()).not.toContain(oldest);
    expect(ids()).toHaveLength(PAGE + 1);
  });

  it('unmarks and unselects deleted deliveries', async () => {
    const [a, b, c] = [await capture(h.test, '/hooks/a'), await capture(h.test, '/hooks/a'), await capture(h.test, '/hooks/a')];
    await inbox().reload();
    useUi.getState().toggleMark(a);
    useUi.getState().toggleMark(b);
    useUi.getState().toggleMark(c);
    useUi.getState().open(b);
    inbox().deleted([b]);
    expect(useUi.getState()).toMatchObject({ marked: [a, c], selectedId: null, detailOpen: false });
    inbox().deleted(null);
    expect(useUi.getState().marked).toEqual([]);
  });

  it('keeps the selection when another delivery is deleted', async () => {
    const [a, b] = [await capture(h.test, '/hooks/a'), await capture(h.test, '/hooks/a')];
    await inbox().reload();
    useUi.getState().open(a);
    inbox().deleted([b]);
    expect(useUi.getState()).toMatchObject({ selectedId: a, detailOpen: true });
  });
});

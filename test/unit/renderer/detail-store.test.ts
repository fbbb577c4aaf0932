// The detail pane's store against a real core: an answer that comes back for a delivery deleted
// while it was on its way must not put that delivery back in the cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture, importRendererModule, installDesktopBridge, until, type RendererHarness } from './desktop-bridge.js';

interface DetailState {
  id: number | null;
  detail: { id: number; bodyText: string | null } | null;
  loading: boolean;
  error: { code: string } | null;
  verifying: boolean;
  load(id: number): Promise<void>;
  verifyAgain(): Promise<void>;
  forget(ids: number[] | null): void;
}
interface Store<S> {
  getState(): S;
}

let h: RendererHarness;
let useDetail: Store<DetailState>;
const detail = () => useDetail.getState();

beforeAll(async () => {
  h = await installDesktopBridge();
  useDetail = (await importRendererModule<{ useDetail: Store<DetailState> }>('renderer/state/detail.ts')).useDetail;
  await h.test.core.dispatch('endpoints.create', { path: '/hooks/d' });
});
afterAll(() => h?.close());

/** Deletes through the API and tells the store, as the `deliveries.deleted` event does in the app. */
async function deleteDelivery(id: number) {
  await h.test.core.dispatch('deliveries.delete', { ids: [id] });
  detail().forget([id]);
}

describe('the detail store', () => {
  it('does not cache a delivery whose check answered after it was deleted', async () => {
    const id = await capture(h.test, '/hooks/d', '{"n":1}');
    await detail().load(id);
    expect(detail().detail?.id).toBe(id);
    const held = h.hold('deliveries.verify');
    const checking = detail().verifyAgain();
    await until(() => held.length === 1);
    h.stopHolding('deliveries.verify');
    await deleteDelivery(id);
    held[0]!.release();
    await checking;
    expect(detail().verifying).toBe(false);

    await detail().load(id); // served from the cache if the late answer had been kept
    expect(detail()).toMatchObject({ detail: null, error: { code: 'not-found' } });
  });

  it('does not cache a delivery whose fetch answered after it was deleted', async () => {
    const id = await capture(h.test, '/hooks/d', '{"n":2}');
    const held = h.hold('deliveries.get');
    const loading = detail().load(id);
    await until(() => held.length === 1);
    h.stopHolding('deliveries.get');
    await deleteDelivery(id);
    held[0]!.release();
    await loading;

    await detail().load(id);
    expect(detail()).toMatchObject({ detail: null, error: { code: 'not-found' } });
  });

  it('shows a new delivery that reuses a deleted one\'s id while the old fetch is still out', async () => {
    const id = await capture(h.test, '/hooks/d', '{"n":3}');
    const held = h.hold('deliveries.get');
    const stale = detail().load(id);
    await until(() => held.length === 1);
    h.stopHolding('deliveries.get');
    await deleteDelivery(id);
    const reused = await capture(h.test, '/hooks/d', '{"n":4}'); // the newest id is free again
    expect(reused).toBe(id);
    await detail().load(reused);
    held[0]!.release();
    await stale;
    expect(detail()).toMatchObject({ id, loading: false, detail: { id, bodyText: '{"n":4}' } }); // not the deleted one's
  });
});

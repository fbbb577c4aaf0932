// The Diff view's store against a real core: only the user's latest pick may change what it shows,
// however late an older request answers or fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capture, importRendererModule, installDesktopBridge, until, type RendererHarness } from './desktop-bridge.js';

interface DiffState {
  a: number | null;
  b: number | null;
  result: { bodyEqual: boolean } | null;
  loading: boolean;
  error: { code: string } | null;
  compare(a: number, b: number): Promise<void>;
  withPrevious(id: number): Promise<void>;
}
interface Store<S> {
  getState(): S;
}

let h: RendererHarness;
let useDiff: Store<DiffState>;
const diff = () => useDiff.getState();
const ids: number[] = [];

beforeAll(async () => {
  h = await installDesktopBridge();
  useDiff = (await importRendererModule<{ useDiff: Store<DiffState> }>('renderer/state/diff.ts')).useDiff;
  await h.test.core.dispatch('endpoints.create', { path: '/hooks/a' });
  for (let i = 1; i <= 4; i++) ids.push(await capture(h.test, '/hooks/a', `{"n":${i}}`));
});
afterAll(() => h?.close());

describe('the diff store', () => {
  it('keeps the newer result when an older comparison fails late', async () => {
    const missing = 999_999;
    const held = h.hold('diff.deliveries');
    const first = diff().compare(ids[0]!, missing); // fails: not found, but only once released
    await until(() => held.length === 1);
    h.stopHolding('diff.deliveries');
    await diff().compare(ids[1]!, ids[2]!);
    expect(diff()).toMatchObject({ a: ids[1], b: ids[2], error: null, loading: false });
    held[0]!.release();
    await first;
    expect(diff()).toMatchObject({ a: ids[1], b: ids[2], error: null, loading: false });
    expect(diff().result).not.toBeNull();
  });

  it('does not compare with the previous delivery once the user has picked another pair', async () => {
    const held = h.hold('deliveries.list'); // the look-up of the previous delivery
    const lookup = diff().withPrevious(ids[3]!);
    await until(() => held.length === 1);
    h.stopHolding('deliveries.list');
    await diff().compare(ids[0]!, ids[1]!);
    held[0]!.release();
    await lookup;
    await new Promise((r) => setTimeout(r, 50));
    expect(diff()).toMatchObject({ a: ids[0], b: ids[1], error: null, loading: false });
  });

  it('still compares a delivery with the previous one on its endpoint', async () => {
    await diff().withPrevious(ids[3]!);
    await until(() => !diff().loading);
    expect(diff()).toMatchObject({ a: ids[2], b: ids[3], error: null });
    expect(diff().result?.bodyEqual).toBe(false);
  });

  it('keeps A and B as the user gave them, the newer one on the left if so asked', async () => {
    await diff().compare(ids[3]!, ids[1]!);
    expect(diff()).toMatchObject({ a: ids[3], b: ids[1], error: null, loading: false });
    expect(Object.keys(diff().result ?? {})).not.toHaveLength(0);
  });

  it('compares an unmatched delivery with the previous one on the same path, not the one just before it', async () => {
    const first = await capture(h.test, '/unmatched/one', '{"n":1}');
    await capture(h.test, '/unmatched/two', '{"n":2}');
    const third = await capture(h.test, '/unmatched/one', '{"n":3}');
    await diff().withPrevious(third);
    await until(() => !diff().loading);
    expect(diff()).toMatchObject({ a: first, b: third, error: null });
  });

  it('says where it looked when there is no previous delivery on the path', async () => {
    const lonely = await capture(h.test, '/unmatched/lonely');
    await diff().withPrevious(lonely);
    await until(() => !diff().loading);
    expect(diff().error).toMatchObject({ code: 'not-found' });
    expect((diff().error as unknown as Error).message).toContain('on /unmatched/lonely');
  });
});

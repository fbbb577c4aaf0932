// The Diff view's state: two deliveries (A older, B newer) and the server's structural diff of them.
// "Against the previous one" looks up the delivery that came before on the same endpoint.
// Only the user's latest request may change the state: an older one that answers (or fails) late is
// dropped, and a look-up of the previous delivery does not compare once another pair was picked.
import { create } from 'zustand';
import type { MethodOutput } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/errors.js';
import type { DeliverySummary } from '../../shared/domain.js';
import { api } from '../api/client.js';
import { asApiError } from '../api/errors.js';

export type DeliveryDiff = MethodOutput<'diff.deliveries'>;

interface DiffState {
  a: number | null;
  b: number | null;
  result: DeliveryDiff | null;
  summaries: Record<number, DeliverySummary>;
  loading: boolean;
  error: ApiError | null;
  compare(a: number, b: number): Promise<void>;
  withPrevious(id: number): Promise<void>;
}

async function previousOf(id: number): Promise<number> {
  const detail = await api.call('deliveries.get', { id });
  const scope = detail.endpoint ? { endpoint: detail.endpoint } : detail.provider ? { provider: detail.provider } : {};
  const { items } = await api.call('deliveries.list', { ...scope, beforeId: id, limit: 1 });
  const previous = items[0];
  if (!previous) {
    const where = detail.endpoint ? `on ${detail.endpoint}` : detail.provider ? `from ${detail.provider}` : 'at all';
    throw new ApiError('not-found', `No delivery before #${id} ${where} to compare with.`);
  }
  return previous.id;
}

/** Bumped by every compare and withPrevious; an answer to an older one is dropped. */
let latest = 0;

export const useDiff = create<DiffState>()((set, get) => ({
  a: null,
  b: null,
  result: null,
  summaries: {},
  loading: false,
  error: null,

  async compare(a, b) {
    const mine = ++latest;
    const [older, newer] = a <= b ? [a, b] : [b, a];
    set({ a: older, b: newer, loading: true, error: null });
    try {
      const [result, left, right] = await Promise.all([
        api.call('diff.deliveries', { a: older, b: newer }),
        api.call('deliveries.get', { id: older }),
        api.call('deliveries.get', { id: newer }),
      ]);
      if (mine !== latest) return;
      set({ result, summaries: { [older]: left, [newer]: right }, loading: false });
    } catch (err) {
      if (mine !== latest) return;
      set({ error: asApiError(err), result: null, loading: false });
    }
  },

  async withPrevious(id) {
    const mine = ++latest;
    set({ loading: true, error: null, result: null, a: null, b: id });
    try {
      const previous = await previousOf(id);
      if (mine !== latest) return;
      await get().compare(previous, id);
    } catch (err) {
      if (mine !== latest) return;
      set({ error: asApiError(err), loading: false });
    }
  },
}));

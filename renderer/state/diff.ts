// The Diff view's state: two deliveries (A and B, as the user gave them) and the server's structural
// diff of them. "Against the previous one" looks up the delivery that came before on the same
// endpoint (on the same path, for a delivery no endpoint matched).
// Only the user's latest request may change the state: an older one that answers (or fails) late is
// dropped, and a look-up of the previous delivery does not compare once another pair was picked.
import { create } from 'zustand';
import type { MethodOutput } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/errors.js';
import type { DeliveryDetail } from '../../shared/domain.js';
import { api } from '../api/client.js';
import { asApiError } from '../api/errors.js';

export type DeliveryDiff = MethodOutput<'diff.deliveries'>;

interface DiffState {
  a: number | null;
  b: number | null;
  result: DeliveryDiff | null;
  /** The two deliveries in full (a binary pair is compared as hex dumps of their bodies). */
  summaries: Record<number, DeliveryDetail>;
  loading: boolean;
  error: ApiError | null;
  compare(a: number, b: number): Promise<void>;
  withPrevious(id: number): Promise<void>;
}

async function previousOf(id: number): Promise<number> {
  const detail = await api.call('deliveries.get', { id });
  // Not the provider's: two unmatched paths from one provider are two different hooks.
  const scope = detail.endpoint ? { endpoint: detail.endpoint } : { path: detail.path };
  const { items } = await api.call('deliveries.list', { ...scope, beforeId: id, limit: 1 });
  const previous = items[0];
  if (!previous) {
    const where = detail.endpoint ? `on the endpoint ${detail.endpoint}` : `on ${detail.path}`;
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
    set({ a, b, loading: true, error: null });
    try {
      const [result, left, right] = await Promise.all([
        api.call('diff.deliveries', { a, b }),
        api.call('deliveries.get', { id: a }),
        api.call('deliveries.get', { id: b }),
      ]);
      if (mine !== latest) return;
      set({ result, summaries: { [a]: left, [b]: right }, loading: false });
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

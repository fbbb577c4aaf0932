// The delivery open in the detail pane: fetched in full (headers, exact body) on demand, with a small
// cache so moving back and forth through the list does not refetch.
import { create } from 'zustand';
import type { ApiError } from '../../shared/api/errors.js';
import type { DeliveryDetail } from '../../shared/domain.js';
import { api } from '../api/client.js';
import { asApiError } from '../api/errors.js';
import { useInbox } from './inbox.js';

const CACHE_SIZE = 30;
const cache = new Map<number, DeliveryDetail>();

function remember(detail: DeliveryDetail) {
  cache.delete(detail.id);
  cache.set(detail.id, detail);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

interface DetailState {
  id: number | null;
  detail: DeliveryDetail | null;
  loading: boolean;
  error: ApiError | null;
  verifying: boolean;
  verifyError: ApiError | null;
  load(id: number): Promise<void>;
  verifyAgain(): Promise<void>;
  forget(ids: number[] | null): void;
}

export const useDetail = create<DetailState>()((set, get) => ({
  id: null,
  detail: null,
  loading: false,
  error: null,
  verifying: false,
  verifyError: null,

  async load(id) {
    const cached = cache.get(id);
    set({ id, detail: cached ?? null, loading: !cached, error: null, verifyError: null });
    if (cached) return;
    try {
      const detail = await api.call('deliveries.get', { id });
      remember(detail);
      if (get().id === id) set({ detail, loading: false });
    } catch (err) {
      if (get().id === id) set({ error: asApiError(err), loading: false });
    }
  },

  async verifyAgain() {
    const { detail } = get();
    if (!detail) return;
    set({ verifying: true, verifyError: null });
    try {
      const verification = await api.call('deliveries.verify', { id: detail.id });
      const provider = verification.provider ?? detail.provider;
      const next = { ...detail, verification, provider };
      remember(next);
      useInbox.getState().updated({ id: detail.id, verification, provider });
      if (get().id === detail.id) set({ detail: next, verifying: false });
    } catch (err) {
      set({ verifyError: asApiError(err), verifying: false });
    }
  },

  forget(ids) {
    if (ids === null) cache.clear();
    else for (const id of ids) cache.delete(id);
    const { id } = get();
    if (id !== null && (ids === null || ids.includes(id))) set({ detail: null, error: null });
  },
}));

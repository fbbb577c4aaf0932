// The delivery open in the detail pane: fetched in full (headers, exact body) on demand, with a small
// cache so moving back and forth through the list does not refetch.
import { create } from 'zustand';
import type { ApiError } from '../../shared/api/errors.js';
import type { DeliveryDetail } from '../../shared/domain.js';
import { api } from '../api/client.js';
import { asApiError } from '../api/errors.js';
import { useInbox } from './inbox.js';

const CACHE_SIZE = 30;
// A 25 MiB delivery carries ~33 MiB of base64 plus its text: thirty of those would hold gigabytes, so
// the cache is bounded by the size of the bodies it holds as well as by count.
const CACHE_BODY_CHARS = 64 * 1024 * 1024;
const cache = new Map<number, DeliveryDetail>();
let cachedChars = 0;

const bodyChars = (d: DeliveryDetail) => d.bodyBase64.length + (d.bodyText?.length ?? 0);

function drop(id: number) {
  const old = cache.get(id);
  if (!old) return;
  cachedChars -= bodyChars(old);
  cache.delete(id);
}

/** Oldest entries go first; the newest stays even when it alone passes the limit (it is the one on screen). */
function remember(detail: DeliveryDetail) {
  drop(detail.id);
  cache.set(detail.id, detail);
  cachedChars += bodyChars(detail);
  while (cache.size > 1 && (cache.size > CACHE_SIZE || cachedChars > CACHE_BODY_CHARS)) drop(cache.keys().next().value!);
}

function forgetAll() {
  cache.clear();
  cachedChars = 0;
}

// A fetch or a check that answers after its delivery was deleted must not put it back in the cache
// (or on screen). Each request in flight carries its own mark, so a delivery that later reuses the
// deleted one's id is not taken for it.
type Mark = { id: number; deleted: boolean };
const inFlight = new Set<Mark>();

function begin(id: number): Mark {
  const mark = { id, deleted: false };
  inFlight.add(mark);
  return mark;
}

/** Ends one request; true when its delivery was deleted while it ran. */
function end(mark: Mark): boolean {
  inFlight.delete(mark);
  return mark.deleted;
}

// Bumped whenever the pane moves to another delivery or starts a check: a check that returns after
// that updates its delivery but no longer owns the button's "Verifying…" state or the error under it.
let verifyRun = 0;

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
  /** After many verdicts changed on the server: drops the cache and shows the open delivery afresh. */
  refreshVerdicts(): Promise<void>;
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
    verifyRun++;
    set({ id, detail: cached ?? null, loading: !cached, error: null, verifying: false, verifyError: null });
    if (cached) return;
    const mark = begin(id);
    try {
      const detail = await api.call('deliveries.get', { id });
      if (end(mark)) {
        if (get().id === id) set({ loading: false });
        return;
      }
      remember(detail);
      if (get().id === id) set({ detail, loading: false });
    } catch (err) {
      end(mark);
      if (get().id === id) set({ error: asApiError(err), loading: false });
    }
  },

  async verifyAgain() {
    const { detail } = get();
    if (!detail) return;
    const run = ++verifyRun;
    set({ verifying: true, verifyError: null });
    const mark = begin(detail.id);
    try {
      const verification = await api.call('deliveries.verify', { id: detail.id });
      if (end(mark)) {
        if (run === verifyRun) set({ verifying: false });
        return;
      }
      const provider = verification.provider ?? detail.provider;
      const next = { ...detail, verification, provider };
      remember(next);
      useInbox.getState().updated({ id: detail.id, verification, provider });
      if (get().id === detail.id) set({ detail: next });
      if (run === verifyRun) set({ verifying: false });
    } catch (err) {
      end(mark);
      if (run === verifyRun) set({ verifyError: asApiError(err), verifying: false });
    }
  },

  async refreshVerdicts() {
    forgetAll();
    const { id } = get();
    if (id !== null) await get().load(id);
  },

  forget(ids) {
    if (ids === null) forgetAll();
    else for (const id of ids) drop(id);
    for (const mark of inFlight) if (ids === null || ids.includes(mark.id)) mark.deleted = true;
    const { id } = get();
    if (id !== null && (ids === null || ids.includes(id))) set({ detail: null, error: null });
  },
}));

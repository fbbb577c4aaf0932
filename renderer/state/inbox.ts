// The inbox: newest-first deliveries, paged backwards with `beforeId` as the user scrolls, and live
// rows from `delivery.received`. Live rows are batched (one render per 100 ms, not one per request:
// a load test sends thousands a second) and kept only when they match the filters. The text search
// runs on the server (it searches bodies the list does not hold), so with a search active, new rows
// are fetched with the same query instead of being matched here.
//
// A reload's answer replaces the list, and the server ran its query when the request arrived: a live
// row announced while the answer is on its way is not in it. Such rows are held back and merged after
// the answer (with the filters of that moment); with a search active, a catch-up runs instead.
import { create } from 'zustand';
import type { ApiError } from '../../shared/api/errors.js';
import type { DeliverySummary, VerificationStatus } from '../../shared/domain.js';
import { api } from '../api/client.js';
import { asApiError } from '../api/errors.js';
import { useUi } from './ui.js';

export const PAGE_SIZE = 500;
const LIVE_FLUSH_MS = 100;

export interface InboxFilters {
  endpoint?: string;
  provider?: string;
  verdict?: VerificationStatus;
  method?: string;
  q?: string;
}

interface InboxState {
  items: DeliverySummary[];
  filters: InboxFilters;
  loading: boolean;
  loadingMore: boolean;
  /** Older deliveries exist beyond the last loaded one. */
  hasMore: boolean;
  error: ApiError | null;
  /** True once the first page has answered (the empty state needs to know "none" from "not yet"). */
  loaded: boolean;
  /** Resolves once the list shows the new filters' results. */
  setFilters(patch: Partial<InboxFilters>): Promise<void>;
  clearFilters(): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  /** Fetches everything newer than the newest row shown (after a reconnect or during a search). */
  catchUp(): Promise<void>;
  received(row: DeliverySummary): void;
  deleted(ids: number[] | null): void;
  updated(row: Pick<DeliverySummary, 'id'> & Partial<DeliverySummary>): void;
}

// Bumped on every reload and deletion, so answers to an older query (filters changed meanwhile, or
// rows deleted since) are dropped.
let generation = 0;
let pending: DeliverySummary[] = [];
/** Live rows that arrived while a reload was answering: merged once its answer has replaced the list. */
let heldDuringLoad: DeliverySummary[] = [];
/** A catch-up was asked for while a reload was answering: run it after the answer. */
let catchUpAfterLoad = false;
/** The generation a catch-up in flight started in (a deletion drops its answer, then asks again). */
let catchingUpIn: number | null = null;
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let catchUpTimer: ReturnType<typeof setTimeout> | undefined;

export function hasFilters(f: InboxFilters): boolean {
  return Boolean(f.endpoint || f.provider || f.verdict || f.method || f.q);
}

function matches(row: DeliverySummary, f: InboxFilters): boolean {
  if (f.endpoint && row.endpoint !== f.endpoint) return false;
  if (f.provider && row.provider !== f.provider) return false;
  if (f.verdict && row.verification.status !== f.verdict) return false;
  if (f.method && row.method.toUpperCase() !== f.method.toUpperCase()) return false;
  return true;
}

function query(f: InboxFilters) {
  const q = f.q?.trim();
  return {
    ...(f.endpoint ? { endpoint: f.endpoint } : {}),
    ...(f.provider ? { provider: f.provider } : {}),
    ...(f.verdict ? { verdict: f.verdict } : {}),
    ...(f.method ? { method: f.method } : {}),
    ...(q ? { q } : {}),
  };
}

/**
 * The live rows held during a reload that match `filters`; the hold is emptied. A search is matched
 * on the server (bodies), so with one active the rows are fetched again by a catch-up instead.
 */
function takeHeld(filters: InboxFilters): DeliverySummary[] {
  const held = heldDuringLoad;
  heldDuringLoad = [];
  if (filters.q?.trim()) {
    if (held.length) catchUpAfterLoad = true;
    return [];
  }
  return held.filter((r) => matches(r, filters));
}

/** Rows newer than the newest shown, newest first, without duplicates. */
function prependNewer(items: DeliverySummary[], rows: DeliverySummary[]): DeliverySummary[] {
  const newest = items[0]?.id ?? 0;
  const fresh = rows.filter((r) => r.id > newest).sort((a, b) => b.id - a.id);
  const unique = fresh.filter((r, i) => i === 0 || r.id !== fresh[i - 1]!.id);
  return unique.length ? [...unique, ...items] : items;
}

export const useInbox = create<InboxState>()((set, get) => ({
  items: [],
  filters: {},
  loading: false,
  loadingMore: false,
  hasMore: false,
  error: null,
  loaded: false,

  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch } });
    return get().reload();
  },

  clearFilters() {
    set({ filters: {} });
    void get().reload();
  },

  async reload() {
    const mine = ++generation;
    set({ loading: true, error: null });
    try {
      const { items } = await api.call('deliveries.list', { ...query(get().filters), limit: PAGE_SIZE });
      if (mine !== generation) return;
      set({ items: prependNewer(items, takeHeld(get().filters)), hasMore: items.length === PAGE_SIZE, loading: false, loaded: true });
    } catch (err) {
      if (mine !== generation) return;
      set((s) => ({ items: prependNewer(s.items, takeHeld(s.filters)), error: asApiError(err), loading: false, loaded: true }));
    }
    if (catchUpAfterLoad) {
      catchUpAfterLoad = false;
      void get().catchUp();
    }
  },

  async loadMore() {
    const { items, hasMore, loading, loadingMore, filters } = get();
    if (!hasMore || loading || loadingMore || items.length === 0) return;
    const mine = generation;
    set({ loadingMore: true });
    try {
      const page = await api.call('deliveries.list', { ...query(filters), limit: PAGE_SIZE, beforeId: items[items.length - 1]!.id });
      if (mine !== generation) return;
      set((s) => ({ items: [...s.items, ...page.items], hasMore: page.items.length === PAGE_SIZE, loadingMore: false }));
    } catch (err) {
      if (mine !== generation) return;
      set({ error: asApiError(err), loadingMore: false });
    }
  },

  async catchUp() {
    const { items, loaded, loading } = get();
    if (!loaded && !loading) return get().reload();
    // The list is about to be replaced by an answer that may predate what we would fetch now.
    if (loading) {
      catchUpAfterLoad = true;
      return;
    }
    const mine = generation;
    const afterId = items[0]?.id ?? 0;
    catchingUpIn = mine;
    try {
      const page = await api.call('deliveries.list', { ...query(get().filters), limit: PAGE_SIZE, afterId });
      if (mine !== generation) return;
      // More than a page was missed: start over rather than leave a hole in the list.
      if (page.items.length === PAGE_SIZE) return get().reload();
      set((s) => ({ items: prependNewer(s.items, page.items), error: null }));
    } catch (err) {
      if (mine === generation) set({ error: asApiError(err) });
    } finally {
      if (catchingUpIn === mine) catchingUpIn = null;
    }
  },

  received(row) {
    if (get().filters.q?.trim()) {
      clearTimeout(catchUpTimer);
      catchUpTimer = setTimeout(() => void get().catchUp(), 250);
      return;
    }
    pending.push(row);
    flushTimer ??= setTimeout(() => {
      flushTimer = undefined;
      const arrived = pending;
      pending = [];
      if (get().loading) return void heldDuringLoad.push(...arrived);
      const rows = arrived.filter((r) => matches(r, get().filters));
      if (rows.length) set((s) => ({ items: prependNewer(s.items, rows) }));
    }, LIVE_FLUSH_MS);
  },

  deleted(ids) {
    const { loading } = get();
    const interrupted = catchingUpIn === generation;
    // Answers in flight may still hold the deleted rows: drop them and ask again where needed.
    generation++;
    catchingUpIn = null;
    useUi.getState().forget(ids);
    if (ids === null) {
      pending = [];
      heldDuringLoad = [];
      set({ items: [], hasMore: false, loadingMore: false });
    } else {
      const gone = new Set(ids);
      const kept = (r: DeliverySummary) => !gone.has(r.id);
      pending = pending.filter(kept);
      heldDuringLoad = heldDuringLoad.filter(kept);
      set((s) => ({ items: s.items.filter(kept), loadingMore: false }));
    }
    if (loading) void get().reload();
    else if (interrupted) void get().catchUp();
  },

  updated(row) {
    set((s) => ({ items: s.items.map((r) => (r.id === row.id ? { ...r, ...row } : r)) }));
  },
}));

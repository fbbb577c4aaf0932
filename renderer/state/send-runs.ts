// The Sender's runs panel: past, running and scheduled runs as `sends.list` gives them (newest first,
// read from the core, so they survive a reload), stopping one, and for runs aimed at this Hookscope's
// receiver, the delivery each attempt produced (the receiver answers with X-Hookscope-Delivery, kept
// with the attempt's response). Re-reads on events are throttled (a batch of a thousand runs announces
// thousands of state changes) and coalesced: one in flight, one after.
import { create } from 'zustand';
import type { ApiError } from '../../shared/api/errors.js';
import type { SendRun } from '../../shared/api/sender.js';
import { headerValue } from '../../shared/headers.js';
import { api } from '../api/client.js';
import { asApiError } from '../api/errors.js';
import { coalescedRead } from '../lib/coalesced-read.js';

/** Runs the panel lists. */
export const RUNS_LISTED = 50;

interface SendRunsState {
  items: SendRun[];
  loaded: boolean;
  error: ApiError | null;
  /** Per run: the delivery each attempt produced (by attempt index), null where none is known. */
  deliveries: Record<number, Array<number | null>>;
  reload(): Promise<void>;
  /** A run changed: re-read within RELOAD_THROTTLE_MS, once however many changed meanwhile. */
  reloadSoon(): void;
  stop(id: number): Promise<void>;
  /** Reads which deliveries a run's attempts produced (call again as attempts are added). */
  loadDeliveries(runId: number): Promise<void>;
}

const RELOAD_THROTTLE_MS = 500;

let reloadTimer: ReturnType<typeof setTimeout> | undefined;

export const useSendRuns = create<SendRunsState>()((set, get) => ({
  items: [],
  loaded: false,
  error: null,
  deliveries: {},

  reload: coalescedRead(
    async () => {
      const { items } = await api.call('sends.list', { limit: RUNS_LISTED });
      set({ items, loaded: true, error: null });
    },
    (err) => set({ error: asApiError(err), loaded: true }),
  ),

  reloadSoon() {
    reloadTimer ??= setTimeout(() => {
      reloadTimer = undefined;
      void get().reload();
    }, RELOAD_THROTTLE_MS);
  },

  async stop(id) {
    try {
      await api.call('send.stop', { id });
      await get().reload();
    } catch (err) {
      set({ error: asApiError(err) });
    }
  },

  async loadDeliveries(runId) {
    try {
      const detail = await api.call('sends.get', { id: runId });
      const ids = detail.attempts.map((a) => {
        const header = a.response ? headerValue(a.response.headers, 'x-hookscope-delivery') : undefined;
        const id = header ? Number(header) : NaN;
        return Number.isInteger(id) && id > 0 ? id : null;
      });
      set((s) => ({ deliveries: { ...s.deliveries, [runId]: ids } }));
    } catch {
      // The links are a convenience: the timeline shows the attempts without them.
    }
  },
}));

// The replays of the delivery open in the detail pane, newest first, kept current as replays of it
// finish (from here, the Replay view, or an auto-forward), with "replay again" to the last target.
import { create } from 'zustand';
import { ApiError } from '../../shared/api/errors.js';
import { rewordReplayMessage, type Replay } from '../../shared/api/replay.js';
import { api } from '../api/client.js';
import { asApiError } from '../api/errors.js';
import { FORM_WORDS } from './replay.js';

interface DeliveryReplaysState {
  deliveryId: number | null;
  items: Replay[];
  error: ApiError | null;
  sending: boolean;
  load(deliveryId: number): Promise<void>;
  /** Sends the delivery again to where its newest replay went, the way that one was sent. */
  again(): Promise<void>;
}

/** Where "replay again" sends, and how: the newest replay's target; an auto-forward is resent as captured. */
export function lastTarget(items: readonly Replay[]): { target: string; mode: 'as-captured' | 're-signed' } | null {
  const newest = items[0];
  if (!newest) return null;
  return { target: newest.target, mode: newest.mode === 're-signed' ? 're-signed' : 'as-captured' };
}

export const newestFirst = (items: readonly Replay[]) => [...items].sort((a, b) => b.id - a.id);

/** The API's refusals name its options and the CLI's flag; here they say what the UI can do. */
function inUiWords(error: ApiError, target: string): ApiError {
  if (error.code === 'refused-target') {
    let host = target;
    try {
      host = new URL(target).hostname;
    } catch {
      // the target as typed, then
    }
    return new ApiError(error.code, `The last target, ${host}, is not on this machine, and Hookscope sends only to this machine from here. Use Replay… to choose a local target.`);
  }
  return new ApiError(error.code, rewordReplayMessage(error.message, FORM_WORDS), error.issues);
}

let latest = 0;

export const useDeliveryReplays = create<DeliveryReplaysState>()((set, get) => ({
  deliveryId: null,
  items: [],
  error: null,
  sending: false,

  async load(deliveryId) {
    const mine = ++latest;
    if (get().deliveryId !== deliveryId) set({ deliveryId, items: [], error: null, sending: false });
    try {
      const { items } = await api.call('replays.list', { deliveryId });
      if (mine === latest) set({ items: newestFirst(items) });
    } catch (err) {
      if (mine === latest) set({ error: asApiError(err) });
    }
  },

  async again() {
    const { deliveryId, items } = get();
    const last = lastTarget(items);
    if (deliveryId === null || !last) return;
    set({ sending: true, error: null });
    try {
      await api.call('replay.send', { ids: [deliveryId], ...last });
      if (get().deliveryId === deliveryId) await get().load(deliveryId);
    } catch (err) {
      if (get().deliveryId === deliveryId) set({ error: inUiWords(asApiError(err), last.target) });
    } finally {
      if (get().deliveryId === deliveryId) set({ sending: false });
    }
  },
}));

/** Keeps the open delivery's replays current; called once at start-up beside the other live updates. */
export function followReplays(): () => void {
  return api.on('replay.finished', ({ deliveryId }) => {
    if (useDeliveryReplays.getState().deliveryId === deliveryId) void useDeliveryReplays.getState().load(deliveryId);
  });
}

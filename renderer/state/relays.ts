// The relays' states (issue #21) for the status bar: loaded once, then kept by `relays.changed`.
import { create } from 'zustand';
import type { RelayStatus } from '../../shared/api/relays.js';
import { api } from '../api/client.js';

interface RelaysState {
  relays: RelayStatus[];
  /** Loads the states and follows their changes; safe to call more than once. */
  follow(): void;
}

let following = false;

export const useRelays = create<RelaysState>()((set) => ({
  relays: [],
  follow() {
    if (following) return;
    following = true;
    api.on('relays.changed', ({ items }) => set({ relays: items }));
    void api
      .call('relays.list', {})
      .then(({ items }) => set({ relays: items }))
      .catch(() => {}); // the status bar simply shows no relay
  },
}));

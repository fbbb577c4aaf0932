// Counts for the status bar. Refreshed at most once a second: a burst of deliveries should not turn
// into a burst of count queries.
import { create } from 'zustand';
import type { EventPayload, MethodOutput } from '../../shared/api/contract.js';
import { api } from '../api/client.js';
import type { Connection } from '../api/transport.js';

const THROTTLE_MS = 1000;

interface StatsState {
  stats: MethodOutput<'stats.get'> | null;
  /** Captures stored but not in the inbox yet (a burst being filed), or null. */
  waiting: EventPayload<'captures.waiting'> | null;
  connection: Connection;
  /** Why the connection is not live, in words, when known (the desktop app's core host restarting). */
  connectionMessage: string | null;
  refresh(): void;
}

let lastRun = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

export const useStats = create<StatsState>()((set) => {
  const run = async () => {
    lastRun = Date.now();
    try {
      set({ stats: await api.call('stats.get', {}) });
    } catch {
      // The status bar keeps its last counts; the views show the error where it matters.
    }
  };
  return {
    stats: null,
    waiting: null,
    connection: api.connection(),
    connectionMessage: null,
    refresh() {
      if (timer) return;
      const wait = Math.max(0, lastRun + THROTTLE_MS - Date.now());
      timer = setTimeout(() => {
        timer = undefined;
        void run();
      }, wait);
    },
  };
});

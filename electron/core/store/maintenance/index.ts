// Store maintenance while serving: WAL checkpoints on a worker thread (checkpointer.ts) and the search
// index filled in idle slices (search-indexer.ts). Started by serving (core.ts), next to the receiver
// but not by it: neither has anything to do with receiving, only with the store staying small and
// searchable. After a full disk, the space freed first goes to captures: both wait for a reserve (#15).
import { asStoreError } from '../errors.js';
import { DiskRoom } from '../disk-room.js';
import type { Store } from '../index.js';
import { startCheckpointer } from './checkpointer.js';
import { startSearchIndexer } from './search-indexer.js';
import type { TrafficMeter } from './traffic-meter.js';

export { TrafficMeter } from './traffic-meter.js';

export interface StoreMaintenance {
  stop(): Promise<void>;
}

/** `traffic` is the receiver's (fed at each commit): maintenance waits while it is heavy. */
export function startStoreMaintenance(store: Store, traffic: TrafficMeter): StoreMaintenance {
  const room = new DiskRoom(store.file);
  const checkpointer = startCheckpointer(store.db, { nativeBinding: store.nativeBinding, reserveBytes: room.reserveBytes });
  const indexer = startSearchIndexer(store.deliveries.search, {
    traffic,
    // Captures still waiting to be filed come before search.
    yieldWhile: () => store.captures.newestId() > 0 || !room.forMaintenance(),
    onError: (err) => console.error(`hookscope: search indexing paused: ${asStoreError(err).message}`),
  });
  let stopped: Promise<void> | null = null;
  return {
    stop: () => {
      indexer.stop();
      stopped ??= checkpointer.stop();
      return stopped;
    },
  };
}

// The capture path, from the socket to the inbox. Three steps, one name each: commit, file, announce.
//
//   provider ──HTTP──▶ receiver/receiver.ts          reads the request (body budget, size limit)
//                         │ commit                   writer.ts: one transaction per turn of the event
//                         ▼                          loop into the capture log (store/capture-log.ts)
//                   capture_log table ──────────────▶ the answer goes out only now (acknowledged ⇒ stored)
//                         │ file                     filing.ts: verify (verify.ts) and move each capture
//                         ▼                          into `deliveries` under the id the provider was given;
//                   deliveries table                 when: filing-loop.ts (right after the commit, or in
//                         │                          idle slices during a burst), and before every read
//                         │ announce                 announcer.ts: the process whose receiver committed
//                         ▼                          it emits `delivery.received` once it is filed
//                   core events ──▶ IPC / HTTP bridge ──▶ renderer inbox (renderer/state/live.ts)
//
// The receiver gives this path one signal, "committed" (FilingLoop.committed); everything after the
// commit happens here. The log's table belongs to the store, like every table; the store's own upkeep
// (search index, WAL checkpoints) is store/maintenance/, started by serving next to the receiver.
export { CaptureWriter, type Committed } from './writer.js';
export { Filing } from './filing.js';
export { startFilingLoop, type FilingLoop, type FilingLoopOptions } from './filing-loop.js';
export { verifyCapture } from './verify.js';

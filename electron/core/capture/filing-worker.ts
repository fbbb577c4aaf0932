// The filing worker's own side (issue #17): runs in a worker_threads thread with its own SQLite
// connection, and files the capture log into deliveries (verify, insert, remove from the log) without
// waiting for a quiet moment, then fills the search index while the log is empty. The receiver's
// thread (filing-thread.ts) keeps committing captures and answering; it hears "filed" from here and
// announces what its receiver took. Each write transaction is one short slice taken in turn with the
// receiver's commits (write-turn.ts), so a group commit waits for at most one slice.
//
// Secrets never travel by environment, argument or file: the receiver's thread posts the endpoints,
// their secrets opened, on a MessagePort of their own whenever they change, before it commits a capture
// matched against the new ones; this side reads that port before every slice, so a capture is verified
// against the endpoints as they were when it was committed, or newer.
import { isMainThread, parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Endpoint } from '../../../shared/domain.js';
import { CaptureLog } from '../store/capture-log.js';
import { DeliveryRepo } from '../store/deliveries.js';
import { DiskRoom } from '../store/disk-room.js';
import { toDelivery } from './filing.js';
import { WriteTurn } from './write-turn.js';

/** This module's URL: the receiver's thread starts it as the worker (in a bundle, the chunk holding it). */
export const FILING_WORKER_URL = import.meta.url;
export const FILING_WORKER_MARK = 'hookscope-filing-worker';

export interface FilingWorkerData {
  mark: typeof FILING_WORKER_MARK;
  file: string;
  nativeBinding?: string;
  synchronous: 'FULL' | 'NORMAL';
  /** The write turn's shared memory (write-turn.ts). */
  turn: SharedArrayBuffer;
  /** Where the endpoints arrive (an array of Endpoint, secrets opened), newest last. */
  endpoints: MessagePort;
  /** Also fill the search index when nothing waits to be filed. */
  indexSearch: boolean;
}

/** From the receiver's thread: captures were committed (`busy`: it is in a burst); or stop. */
export type ToFilingWorker = { type: 'wake'; busy: boolean } | { type: 'stop' };
/** To the receiver's thread. `through`: no capture with an id up to it is left in the log. */
export type FromFilingWorker =
  | { type: 'filed'; through: number; count: number }
  | { type: 'idle' }
  | { type: 'failed'; message: string }
  | { type: 'stopped' };

/**
 * Captures per slice, and the pause between two slices smaller than that while the receiver commits:
 * each transaction rewrites the pages of the deliveries table and its indexes, so a few large slices
 * cost far less than many small ones; the receiver's commits wait for at most one slice.
 */
const SLICE_ROWS = 128;
const FILE_GAP_MS = 20;
const SLICE_BYTES = 1024 * 1024;
/**
 * Search index slices: ~10 ms for 64 deliveries when the receiver is quiet (no commit for QUIET_MS);
 * while captures arrive, 8 (~2–3 ms) at most every BUSY_GAP_MS, so its commits seldom wait for one.
 */
const INDEX_ROWS_IDLE = 64;
const INDEX_ROWS_BUSY = 8;
const QUIET_MS = 25;
const BUSY_GAP_MS = 25;
const RETRY_MS = 1_000;

if (!isMainThread && (workerData as FilingWorkerData | undefined)?.mark === FILING_WORKER_MARK) runFilingWorker(workerData as FilingWorkerData);

function runFilingWorker(data: FilingWorkerData): void {
  const port = parentPort!;
  const post = (message: FromFilingWorker) => port.postMessage(message);
  const db = new Database(data.file, { fileMustExist: true, nativeBinding: data.nativeBinding });
  db.pragma('busy_timeout = 5000');
  db.pragma(`synchronous = ${data.synchronous}`);
  db.pragma('foreign_keys = ON');
  const deliveries = new DeliveryRepo(db);
  const log = new CaptureLog(db, deliveries);
  const turn = new WriteTurn(data.turn);
  const room = new DiskRoom(data.file);
  let endpoints = new Map<number, Endpoint>();
  let receiverTurns = 0;
  let receiverMovedAt = 0;
  let scheduled = false;
  let stopping = false;
  let failing = false;

  const build = (c: Parameters<typeof toDelivery>[0]) => toDelivery(c, c.endpointId === null ? undefined : endpoints.get(c.endpointId));

  const takeEndpoints = () => {
    for (let m = receiveMessageOnPort(data.endpoints); m; m = receiveMessageOnPort(data.endpoints)) {
      endpoints = new Map((m.message as Endpoint[]).map((e) => [e.id, e]));
    }
  };

  const schedule = (delayMs = 0) => {
    if (scheduled || stopping) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      step();
    };
    if (delayMs > 0) setTimeout(run, delayMs);
    else setImmediate(run);
  };

  function step(): void {
    if (stopping) return;
    try {
      takeEndpoints();
      const now = performance.now();
      if (turn.receiverTurns() !== receiverTurns) {
        receiverTurns = turn.receiverTurns();
        receiverMovedAt = now;
      }
      const busy = now - receiverMovedAt < QUIET_MS;
      const filed = turn.workerHolds(() => log.file(build, { maxRows: SLICE_ROWS, maxBytes: SLICE_BYTES }));
      failing = false;
      if (filed.length > 0) {
        post({ type: 'filed', through: filed.at(-1)!, count: filed.length });
        return schedule(busy && filed.length < SLICE_ROWS ? FILE_GAP_MS : 0);
      }
      // The log is empty: the search index, unless the disk's last room is for captures (#15).
      if (data.indexSearch && deliveries.search.available && room.forMaintenance()) {
        const indexed = turn.workerHolds(() => deliveries.search.indexNext({ maxRows: busy ? INDEX_ROWS_BUSY : INDEX_ROWS_IDLE }));
        if (indexed > 0) return schedule(busy ? BUSY_GAP_MS : 0);
      }
      if (busy) return schedule(FILE_GAP_MS);
      post({ type: 'idle' }); // until the next wake
    } catch (err) {
      // A full disk, a read-only file: said once per streak, retried; the log keeps every capture.
      if (!failing) post({ type: 'failed', message: (err as Error).message });
      failing = true;
      schedule(RETRY_MS);
    }
  }

  port.on('message', (message: ToFilingWorker) => {
    if (message.type === 'stop') {
      stopping = true;
      db.close();
      post({ type: 'stopped' });
      port.close();
      data.endpoints.close();
      return;
    }
    schedule();
  });
  schedule(); // a backlog left by a stopped or killed run is filed first
}

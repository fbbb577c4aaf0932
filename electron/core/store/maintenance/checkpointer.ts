// WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that crosses
// 1000 WAL pages, copying the WAL into the database and fsyncing both while the receiver waits: the
// benchmark saw one 20–30 ms stall every ~1,700 captures, enough to push p99 past 10 ms. Here the
// receiver's connection stops checkpointing and a worker thread, on its own connection, runs PASSIVE
// checkpoints (they never block the writer). Under sustained load a PASSIVE checkpoint never catches
// up with the writer, so SQLite cannot start the WAL over and it grows. Only a TRUNCATE checkpoint
// shrinks it, and that holds the writer back for a moment (60–85 ms measured; 130–470 ms for the
// 100–300 MB WAL a prune writes): every request in flight waits, which was a p99 of its own at full
// load. So past 64 MiB the worker truncates in a lull (no commit from another connection for a second,
// per PRAGMA data_version), and during a burst only past a hard limit of 512 MiB.
// Until the lull, a WAL that still grows is RESTARTed (the writer starts over at its beginning, the
// file keeps its size): that copies only what the last PASSIVE checkpoint left, so it holds the writer
// briefly, and the WAL stops growing towards the hard limit (bench/RESULTS.md, pruning 200k). Neither
// waits long for readers while it holds the writer lock (exclusiveWaitMs): it gives up and tries again
// on the next tick (#15: with the connection's 1 s busy timeout, such waits held the receiver 1 s).
// Durability is unchanged: commits still reach the WAL before a request is answered.
//
// If the worker cannot start (no better-sqlite3 for this runtime in a thread, e.g. an Electron-ABI
// build loaded through nativeBinding), the connection keeps SQLite's automatic checkpoints.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from '../connection.js';
import { tracing } from './trace.js';

export interface CheckpointerOptions {
  intervalMs?: number;
  /** WAL size past which the worker truncates it (a wait for the writer) in a lull; default 64 MiB. */
  truncateAboveBytes?: number;
  /** How long without a commit from another connection counts as a lull; default 1 s. */
  lullMs?: number;
  /** WAL size past which it truncates even while captures keep arriving; default 512 MiB. */
  truncateAlwaysAboveBytes?: number;
  /** better-sqlite3's native addon (the Electron-ABI build under Electron), for the worker's connection. */
  nativeBinding?: string;
  /**
   * Free disk space under which the worker does not checkpoint (store/disk-room.ts): copying the WAL
   * into the file can grow the file, and after a full disk the space freed first is for captures.
   */
  reserveBytes?: number;
  /** How long a RESTART or TRUNCATE may wait (holding the writer lock) for readers; default 10 ms. */
  exclusiveWaitMs?: number;
}

export interface Checkpointer {
  stop(): Promise<void>;
}

const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

// Plain CommonJS evaluated in the worker: no file to bundle or resolve at run time.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const BUSY_TIMEOUT_MS = 1000;
function open() {
  try {
    const Database = require(workerData.sqliteModule);
    const db = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
    db.pragma('busy_timeout = ' + BUSY_TIMEOUT_MS);
    return db;
  } catch (err) {
    parentPort.postMessage({ failed: String(err && err.message) });
    return null;
  }
}
let lastVersion = -1;
let quietTicks = 0;
let lastSize = 0;
function roomForMaintenance() {
  try {
    const stats = fs.statfsSync(require('node:path').dirname(workerData.file));
    return stats.bavail * stats.bsize > workerData.reserveBytes;
  } catch {
    return true;
  }
}
const { performance } = require('node:perf_hooks');
function run(db, mode, size) {
  // A RESTART or TRUNCATE holds the writer lock while it waits (for readers to leave the WAL): with
  // the connection's busy timeout, up to a second in which the receiver's commits wait too. So it
  // waits briefly and gives up instead (SQLITE_BUSY in the result): the next tick tries again.
  const waitMs = mode === 'PASSIVE' ? BUSY_TIMEOUT_MS : workerData.exclusiveWaitMs;
  if (waitMs !== BUSY_TIMEOUT_MS) db.pragma('busy_timeout = ' + waitMs);
  const began = performance.now();
  let result;
  try {
    result = db.pragma('wal_checkpoint(' + mode + ')');
    return result;
  } finally {
    if (waitMs !== BUSY_TIMEOUT_MS) db.pragma('busy_timeout = ' + BUSY_TIMEOUT_MS);
    if (workerData.trace) trace(mode, size, began, result);
  }
}
// HOOKSCOPE_TRACE_MAINTENANCE (trace.ts): each checkpoint's mode, duration and WAL size on stderr.
function trace(mode, size, began, result) {
  const ms = performance.now() - began;
  const r = (result && result[0]) || {};
  process.stderr.write(JSON.stringify({ trace: 'checkpoint', t: Math.round((performance.timeOrigin + began) * 10) / 10, mode, ms: Math.round(ms * 100) / 100,
    walBytes: size, busy: r.busy, log: r.log, checkpointed: r.checkpointed, failed: result === undefined }) + '\\n');
}
function walSize() {
  try { return fs.statSync(workerData.file + '-wal').size; } catch { return 0; }
}
function checkpoint(db, dataVersion) {
  if (!roomForMaintenance()) return;
  try {
    run(db, 'PASSIVE', workerData.trace ? walSize() : 0); // the size is only traced; stat it only then
    // data_version moves when another connection commits: the receiver (or retention) is busy.
    const version = dataVersion.get();
    quietTicks = version === lastVersion ? quietTicks + 1 : 0;
    lastVersion = version;
    const size = walSize();
    // Truncating the WAL holds the writer back for as long as the file system takes to free its
    // blocks: 80–330 ms for 70 MB on this machine's ext4 mounted with discard (bench/RESULTS.md, #15),
    // so it waits for a lull of LULL_MS, not one quiet tick (at 300 captures a second a tick without
    // a commit still happens every few seconds), unless the WAL is past the hard limit.
    // Meanwhile a WAL that still grows is restarted (RESTART: the next commit writes from its start),
    // which copies only what the last PASSIVE checkpoint left and so holds the writer far less; the
    // file keeps its size (no blocks freed or allocated) until the lull.
    if (size > workerData.truncateAboveBytes) {
      if (quietTicks >= workerData.lullTicks || size > workerData.truncateAlwaysAboveBytes) run(db, 'TRUNCATE', size);
      else if (size > lastSize) run(db, 'RESTART', size);
    }
    lastSize = size;
  } catch {
    // SQLITE_BUSY and the like: try again on the next tick; the WAL only grows meanwhile.
  }
}
const db = open();
if (!db) {
  parentPort.close();
} else {
  parentPort.postMessage({ ready: true });
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const timer = setInterval(() => checkpoint(db, dataVersion), workerData.intervalMs);
  parentPort.on('message', () => {
    clearInterval(timer);
    try { db.close(); } catch {}
    parentPort.close();
  });
}
`;

const NOOP: Checkpointer = { stop: async () => {} };

export function startCheckpointer(db: Db, opts: CheckpointerOptions = {}): Checkpointer {
  if (db.memory || db.readonly || String(db.pragma('journal_mode', { simple: true })) !== 'wal') return NOOP;
  let sqliteModule: string;
  try {
    sqliteModule = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return NOOP;
  }
  const intervalMs = opts.intervalMs ?? 100;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file: db.name,
      sqliteModule,
      nativeBinding: opts.nativeBinding,
      intervalMs,
      truncateAboveBytes: opts.truncateAboveBytes ?? 64 * 1024 * 1024,
      truncateAlwaysAboveBytes: opts.truncateAlwaysAboveBytes ?? 512 * 1024 * 1024,
      reserveBytes: opts.reserveBytes ?? 0,
      exclusiveWaitMs: opts.exclusiveWaitMs ?? 10,
      lullTicks: Math.max(1, Math.ceil((opts.lullMs ?? 1000) / intervalMs)),
      trace: tracing(),
    },
  });
  worker.unref();
  const restoreAutomatic = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  };
  worker.on('message', (message: { ready?: boolean; failed?: string }) => {
    if (message.ready && db.open) db.pragma('wal_autocheckpoint = 0');
  });
  worker.on('error', restoreAutomatic);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void exited.then(restoreAutomatic);
  return {
    stop: async () => {
      worker.ref(); // an unref'd worker would let the process end before it closed its connection
      worker.postMessage('stop');
      await exited;
    },
  };
}

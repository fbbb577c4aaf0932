// WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the commit that crosses
// 1000 WAL pages, copying the WAL into the database and fsyncing both while the receiver waits: the
// benchmark saw one 20–30 ms stall every ~1,700 captures, enough to push p99 past 10 ms. Here the
// receiver's connection stops checkpointing and a worker thread, on its own connection, runs PASSIVE
// checkpoints (they never block the writer). Under sustained load a PASSIVE checkpoint never catches
// up with the writer, so SQLite cannot start the WAL over and it grows. Only a TRUNCATE checkpoint
// shrinks it, and that holds the writer back for a moment (60–85 ms measured; 130–470 ms for the
// 100–300 MB WAL a prune writes): every request in flight waits, which was a p99 of its own at full
// load. So past 64 MiB the worker truncates in the first lull (no commit from another connection
// since its last tick, per PRAGMA data_version), and during a burst only past a hard limit of 512 MiB.
// Until the lull, a WAL that still grows is RESTARTed (the writer starts over at its beginning, the
// file keeps its size): that copies only what the last PASSIVE checkpoint left, so it holds the writer
// briefly, and the WAL stops growing towards the hard limit (bench/RESULTS.md, pruning 200k).
// Durability is unchanged: commits still reach the WAL before a request is answered.
//
// If the worker cannot start (no better-sqlite3 for this runtime in a thread, e.g. an Electron-ABI
// build loaded through nativeBinding), the connection keeps SQLite's automatic checkpoints.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from '../connection.js';

export interface CheckpointerOptions {
  intervalMs?: number;
  /** WAL size past which the worker truncates it (a short wait for the writer) in a lull; default 64 MiB. */
  truncateAboveBytes?: number;
  /** WAL size past which it truncates even while captures keep arriving; default 512 MiB. */
  truncateAlwaysAboveBytes?: number;
  /** better-sqlite3's native addon (the Electron-ABI build under Electron), for the worker's connection. */
  nativeBinding?: string;
  /**
   * Free disk space under which the worker does not checkpoint (store/disk-room.ts): copying the WAL
   * into the file can grow the file, and after a full disk the space freed first is for captures.
   */
  reserveBytes?: number;
}

export interface Checkpointer {
  stop(): Promise<void>;
}

const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

// Plain CommonJS evaluated in the worker: no file to bundle or resolve at run time.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
function open() {
  try {
    const Database = require(workerData.sqliteModule);
    const db = new Database(workerData.file, { fileMustExist: true, nativeBinding: workerData.nativeBinding });
    db.pragma('busy_timeout = 1000');
    return db;
  } catch (err) {
    parentPort.postMessage({ failed: String(err && err.message) });
    return null;
  }
}
let lastVersion = -1;
let lastSize = 0;
function roomForMaintenance() {
  try {
    const stats = fs.statfsSync(require('node:path').dirname(workerData.file));
    return stats.bavail * stats.bsize > workerData.reserveBytes;
  } catch {
    return true;
  }
}
function checkpoint(db, dataVersion) {
  if (!roomForMaintenance()) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    // data_version moves when another connection commits: the receiver is busy.
    const version = dataVersion.get();
    const busy = version !== lastVersion;
    lastVersion = version;
    let size = 0;
    try { size = fs.statSync(workerData.file + '-wal').size; } catch {}
    // The truncation holds the writer back: wait for a lull unless the WAL is past the hard limit.
    // Meanwhile a WAL that still grows is restarted (RESTART: the next commit writes from its start),
    // which copies only what the last PASSIVE checkpoint left and so holds the writer far less than
    // truncating hundreds of megabytes; the file keeps its size until the lull.
    if (size > workerData.truncateAboveBytes) {
      if (!busy || size > workerData.truncateAlwaysAboveBytes) db.pragma('wal_checkpoint(TRUNCATE)');
      else if (size > lastSize) db.pragma('wal_checkpoint(RESTART)');
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
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file: db.name,
      sqliteModule,
      nativeBinding: opts.nativeBinding,
      intervalMs: opts.intervalMs ?? 100,
      truncateAboveBytes: opts.truncateAboveBytes ?? 64 * 1024 * 1024,
      truncateAlwaysAboveBytes: opts.truncateAlwaysAboveBytes ?? 512 * 1024 * 1024,
      reserveBytes: opts.reserveBytes ?? 0,
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

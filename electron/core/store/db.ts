// Opening the database. Durability rule: WAL with synchronous=NORMAL survives a killed process (every
// committed transaction is in the WAL before the receiver answers), though not a power cut; set
// HOOKSCOPE_SYNCHRONOUS=FULL to trade throughput for power-loss durability. Captures are committed
// before they are acknowledged, so nothing a provider was told we have is ever lost to a crash.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { asStoreError, StoreError } from './errors.js';
import { migrate } from './migrations.js';

export { asStoreError, StoreError };

export type Db = Database.Database;

export interface OpenOptions {
  /** Load better-sqlite3's native addon from this file (the Electron-ABI build under Electron). */
  nativeBinding?: string;
  readonly?: boolean;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, { nativeBinding: opts.nativeBinding, readonly: opts.readonly ?? false });
  } catch (err) {
    throw new StoreError(`cannot open database ${file}: ${(err as Error).message}`, 'db-open');
  }
  try {
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      // Only takes effect when the file is created (before the first write): a delivery row is ~2 KB,
      // so 4 KiB pages held one each and wasted ~45%; with 8 KiB pages the database is ~30% smaller
      // and lists and scans are as fast or faster (bench/RESULTS.md, "Page size").
      db.pragma('page_size = 8192');
      // Also only at creation: pages freed by pruning go back to the OS in slices (store/retention.ts).
      // A database created before this keeps auto_vacuum=NONE (switching needs a full VACUUM, which
      // holds every writer for its whole length): its freed pages are reused by new captures, and
      // `hookscope prune --vacuum` converts it once, with serve stopped.
      db.pragma('auto_vacuum = INCREMENTAL');
      db.pragma('journal_mode = WAL');
      // Set after switching to WAL: the journal mode change can reset it.
      db.pragma(`synchronous = ${process.env.HOOKSCOPE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL'}`);
      db.pragma('foreign_keys = ON');
      migrate(db);
    }
  } catch (err) {
    db.close();
    throw asStoreError(err, file);
  }
  return db;
}

// Opening the database. Durability rule: WAL with synchronous=NORMAL survives a killed process (every
// committed transaction is in the WAL before the receiver answers), though not a power cut; set
// HOOKSCOPE_SYNCHRONOUS=FULL to trade throughput for power-loss durability. Captures are committed
// before they are acknowledged, so nothing a provider was told we have is ever lost to a crash.
// Privacy rule (private-files.ts): the folder is created 0700 and the database is created 0600, so
// SQLite creates its -wal and -shm files 0600 too (it gives them the database's mode); an existing
// database with looser modes is tightened, once, with a line on stderr. A database that this version
// must refuse (newer schema, not a database, damaged) is refused before anything is changed on it:
// no mode change, no switch to WAL, no migration.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir, makePrivate, octal, PRIVATE_FILE_MODE } from '../private-files.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { asStoreError, StoreError } from './errors.js';
import type { Db } from './connection.js';
import { checkVersion, migrate } from './migrations.js';

export { asStoreError, StoreError };


export interface OpenOptions {
  /** Load better-sqlite3's native addon from this file (the Electron-ABI build under Electron). */
  nativeBinding?: string;
  readonly?: boolean;
  /** Seals endpoint secrets (the migration that seals plain-text ones needs it). */
  secretBox?: SecretBox;
  /** Called with every SQL statement this connection runs (better-sqlite3's `verbose`): tests see what a call touches. */
  trace?: (sql: string) => void;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const onDisk = file !== ':memory:';
  if (onDisk && !opts.readonly) createPrivately(file);
  let db: Db;
  try {
    db = new Database(file, { nativeBinding: opts.nativeBinding ?? builtAddon(), readonly: opts.readonly ?? false, ...(opts.trace ? { verbose: (sql) => opts.trace!(String(sql)) } : {}) });
  } catch (err) {
    throw new StoreError(`cannot open database ${file}: ${(err as Error).message}`, 'db-open');
  }
  try {
    db.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      checkVersion(db); // reads the header only: a newer or foreign file is refused untouched
      if (onDisk) tightenModes(file);
      // Only takes effect when the file is created (before the first write): a delivery row is ~2 KB,
      // so 4 KiB pages held one each and wasted ~45%; with 8 KiB pages the database is ~30% smaller
      // and lists and scans are as fast or faster (bench/RESULTS.md, "Page size").
      db.pragma('page_size = 8192');
      // Also only at creation: pages freed by pruning go back to the OS in slices (store/retention.ts).
      // A database created before this keeps auto_vacuum=NONE (switching needs a full VACUUM, which
      // holds every writer for its whole length): its freed pages are reused by new captures, and
      // `hookscope prune --vacuum` converts it once, with serve stopped.
      // Set on a new (empty) file only: on an existing one it does nothing but write, which fails on a
      // file this account cannot write before the clear refusal (Store.assertWritable) can say so.
      if (db.pragma('page_count', { simple: true }) === 0) db.pragma('auto_vacuum = INCREMENTAL');
      db.pragma('journal_mode = WAL');
      // Set after switching to WAL: the journal mode change can reset it.
      db.pragma(`synchronous = ${process.env.HOOKSCOPE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL'}`);
      db.pragma('foreign_keys = ON');
      migrate(db, { secretBox: opts.secretBox });
    }
  } catch (err) {
    db.close();
    throw asStoreError(err, file);
  }
  return db;
}

let addon: string | null | undefined;

/**
 * better-sqlite3's addon where `npm install` builds it. Without a path, better-sqlite3 finds it with the
 * `bindings` package, which probes a dozen paths on every start (~5 ms of `hookscope stats`); where the
 * addon is elsewhere (a Debug build, another layout) bindings still finds it (undefined).
 */
function builtAddon(): string | undefined {
  if (addon === undefined) {
    try {
      addon = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    } catch {
      addon = null;
    }
  }
  return addon ?? undefined;
}

/** The folder 0700 when Hookscope creates it, and a new database file 0600 before SQLite first writes it. */
function createPrivately(file: string): void {
  try {
    ensurePrivateDir(path.dirname(path.resolve(file)));
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new StoreError(`cannot create database ${file}: ${(err as Error).message}`, 'db-open');
  }
}

const told = new Set<string>();

/** An existing database (and its -wal, -shm) readable by others is made private, said in one line, once. */
function tightenModes(file: string): void {
  const fixed: string[] = [];
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    const was = makePrivate(f);
    if (was !== null) fixed.push(`${path.basename(f)} (was ${octal(was)})`);
  }
  if (fixed.length === 0 || told.has(file)) return;
  told.add(file);
  process.stderr.write(`hookscope: ${file} was readable by other accounts: made private (${octal(PRIVATE_FILE_MODE)}): ${fixed.join(', ')}\n`);
}

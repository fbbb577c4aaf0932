// The store: one SQLite file, one connection per process, one repository per table group.
import fs from 'node:fs';
import { headlessSecretBox } from '../secrets/headless-box.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { Db } from './connection.js';
import { openDatabase, type OpenOptions } from './db.js';
import { readOnlyDatabaseError } from './errors.js';
import { CaptureLog } from './capture-log.js';
import { DeliveryRepo } from './deliveries.js';
import { EndpointRepo } from './endpoints.js';
import { Retention } from './retention.js';
import { SettingsRepo } from './settings.js';
import { WriteHealth } from './write-health.js';

export interface Store {
  readonly file: string;
  readonly db: Db;
  /** better-sqlite3's native addon this store was opened with, for threads opening their own connection. */
  readonly nativeBinding?: string;
  readonly deliveries: DeliveryRepo;
  /** Captures committed by the receiver and not yet filed into deliveries (core/capture/filing.ts). */
  readonly captures: CaptureLog;
  readonly endpoints: EndpointRepo;
  /** Seals and opens endpoint secrets (secrets/secret-box.ts). */
  readonly secretBox: SecretBox;
  /**
   * Throws a StoreError (db-readonly) when this account cannot write the database: SQLite opens a file
   * it may not write read-only without a word, and a receiver on it would answer 503 to everything
   * until restarted. Asks the kernel whether each file may be written (access(2)); opens and writes nothing.
   */
  assertWritable(): void;
  /** Removing deliveries in short slices, and the database's size (issue #15). */
  readonly retention: Retention;
  /** Settings kept in the database (issue #15). */
  readonly settings: SettingsRepo;
  /** Whether commits go through right now, said once when they stop and when they resume (issue #15). */
  readonly writeHealth: WriteHealth;
  close(): void;
}

/** Without a secret box in `opts`, the headless one (OS keyring, else a key file beside the database). */
export function openStore(file: string, opts: OpenOptions = {}): Store {
  const secretBox = opts.secretBox ?? headlessSecretBox(file);
  const db = openDatabase(file, { ...opts, secretBox });
  const deliveries = new DeliveryRepo(db);
  const writeHealth = new WriteHealth(db, file, () => assertWritable(file));
  return {
    file,
    db,
    nativeBinding: opts.nativeBinding,
    deliveries,
    captures: new CaptureLog(db, deliveries),
    endpoints: new EndpointRepo(db, secretBox),
    secretBox,
    assertWritable: () => assertWritable(file),
    retention: new Retention(db, deliveries.search),
    settings: new SettingsRepo(db, secretBox),
    writeHealth,
    close: () => {
      writeHealth.stop();
      if (db.open) db.close();
    },
  };
}

/**
 * Asks the kernel (access(2)) rather than opening the files: this process already has them open in
 * SQLite, and POSIX drops every fcntl lock a process holds on a file when it closes ANY descriptor of
 * that file. An open/close here silently released the connection's locks, so another process (a
 * `prune`, any CLI command) closing its own connection believed itself the last one and deleted the
 * WAL and shared-memory files under the running receiver: captures it acknowledged afterwards went
 * into an unlinked WAL, invisible to every other process (SQLite's "how to corrupt" list, 2.2).
 */
function assertWritable(file: string): void {
  if (file === ':memory:') return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.accessSync(f, fs.constants.R_OK | fs.constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
        throw readOnlyDatabaseError(Object.assign(new Error((err as Error).message), { code: 'SQLITE_READONLY' }), f);
      }
      throw err;
    }
  }
}

// The store: one SQLite file, one connection per process, one repository per table group.
import { openDatabase, type Db, type OpenOptions } from './db.js';
import { CaptureLog } from './capture-log.js';
import { DeliveryRepo } from './deliveries.js';
import { EndpointRepo } from './endpoints.js';
import { Retention } from './retention.js';
import { SettingsRepo } from './settings.js';

export interface Store {
  readonly file: string;
  readonly db: Db;
  /** better-sqlite3's native addon this store was opened with, for threads opening their own connection. */
  readonly nativeBinding?: string;
  readonly deliveries: DeliveryRepo;
  /** Captures committed by the receiver and not yet filed into deliveries (core/capture-pipeline.ts). */
  readonly captures: CaptureLog;
  readonly endpoints: EndpointRepo;
  /** Removing deliveries in short slices, and the database's size (issue #15). */
  readonly retention: Retention;
  /** Settings kept in the database (issue #15). */
  readonly settings: SettingsRepo;
  close(): void;
}

export function openStore(file: string, opts: OpenOptions = {}): Store {
  const db = openDatabase(file, opts);
  const deliveries = new DeliveryRepo(db);
  return {
    file,
    db,
    nativeBinding: opts.nativeBinding,
    deliveries,
    captures: new CaptureLog(db, deliveries),
    endpoints: new EndpointRepo(db),
    retention: new Retention(db, deliveries.search),
    settings: new SettingsRepo(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}

// The store: one SQLite file, one connection per process, one repository per table group.
import { openDatabase, type Db, type OpenOptions } from './db.js';
import { DeliveryRepo } from './deliveries.js';
import { EndpointRepo } from './endpoints.js';

export interface Store {
  readonly file: string;
  readonly db: Db;
  /** better-sqlite3's native addon this store was opened with, for threads opening their own connection. */
  readonly nativeBinding?: string;
  readonly deliveries: DeliveryRepo;
  readonly endpoints: EndpointRepo;
  close(): void;
}

export function openStore(file: string, opts: OpenOptions = {}): Store {
  const db = openDatabase(file, opts);
  return {
    file,
    db,
    nativeBinding: opts.nativeBinding,
    deliveries: new DeliveryRepo(db),
    endpoints: new EndpointRepo(db),
    close: () => {
      if (db.open) db.close();
    },
  };
}

// Schema migrations keyed by PRAGMA user_version: migration N brings a database from version N-1 to N,
// each in its own transaction. A database from a newer Hookscope is refused rather than damaged.
// Append new migrations at the end; never edit a released one.
import type Database from 'better-sqlite3';
import { StoreError } from './errors.js';

type Migration = (db: Database.Database) => void;

const MIGRATIONS: Migration[] = [
  // 1: captures and endpoints.
  (db) => {
    db.exec(`
      CREATE TABLE endpoints (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        provider TEXT,
        secret TEXT,
        response_status INTEGER NOT NULL DEFAULT 200,
        response_headers TEXT NOT NULL DEFAULT '[]',
        response_body TEXT NOT NULL DEFAULT '',
        response_delay_ms INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      -- Small columns first and the large ones (headers, body) last: SQLite reads a row front to
      -- back, so listing summaries never walks a body's overflow pages.
      CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        received_at INTEGER NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        query TEXT NOT NULL DEFAULT '',
        http_version TEXT NOT NULL DEFAULT '1.1',
        body_size INTEGER NOT NULL,
        truncated INTEGER NOT NULL DEFAULT 0,
        incomplete TEXT,
        content_type TEXT,
        remote_address TEXT,
        remote_port INTEGER,
        duration_ms REAL NOT NULL DEFAULT 0,
        endpoint_id INTEGER REFERENCES endpoints(id) ON DELETE SET NULL,
        endpoint_path TEXT,
        provider TEXT,
        verdict TEXT NOT NULL,
        response_status INTEGER,
        verification TEXT NOT NULL,
        headers TEXT NOT NULL,
        body BLOB NOT NULL
      );
      CREATE INDEX deliveries_by_endpoint ON deliveries(endpoint_path, id DESC);
      CREATE INDEX deliveries_by_provider ON deliveries(provider, id DESC);
      CREATE INDEX deliveries_by_verdict ON deliveries(verdict, id DESC);
    `);
  },
  // 2: secret rotation and auto-forwarding on endpoints; listing by method.
  (db) => {
    db.exec(`
      ALTER TABLE endpoints ADD COLUMN previous_secrets TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE endpoints ADD COLUMN forward_to TEXT;
      CREATE INDEX deliveries_by_method ON deliveries(method, id DESC);
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new StoreError(
      `the database was written by a newer Hookscope (schema ${current}, this version knows ${SCHEMA_VERSION}): upgrade Hookscope or use another --db`,
      'db-newer',
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      MIGRATIONS[version]!(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** For tests: bring a fresh database only up to `version`, as an older Hookscope would have left it. */
export function migrateTo(db: Database.Database, version: number): void {
  for (let v = db.pragma('user_version', { simple: true }) as number; v < version; v++) {
    db.transaction(() => {
      MIGRATIONS[v]!(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

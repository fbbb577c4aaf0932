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
  // 3: replays and auto-forwards of a delivery: request as sent (body NULL = the delivery's own bytes), response, error.
  (db) => {
    db.exec(`
      CREATE TABLE replays (
        id INTEGER PRIMARY KEY,
        delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        mode TEXT NOT NULL,
        edited INTEGER NOT NULL DEFAULT 0,
        target TEXT NOT NULL,
        request_method TEXT NOT NULL,
        request_url TEXT NOT NULL,
        response_status INTEGER,
        response_truncated INTEGER NOT NULL DEFAULT 0,
        duration_ms REAL NOT NULL DEFAULT 0,
        error_kind TEXT,
        error_message TEXT,
        request_headers TEXT NOT NULL,
        response_headers TEXT,
        request_body BLOB,
        response_body BLOB
      );
      CREATE INDEX replays_by_delivery ON replays(delivery_id, id);
    `);
  },
  // 4: mock sends (one row per delivery of a batch, with its schedule, clock and lease) and their attempts.
  (db) => {
    db.exec(`
      CREATE TABLE sends (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        provider TEXT NOT NULL,
        event TEXT NOT NULL,
        target TEXT NOT NULL,
        status TEXT NOT NULL,
        clock TEXT NOT NULL,
        time_scale REAL NOT NULL DEFAULT 1,
        origin_at INTEGER NOT NULL,
        next_offset_ms INTEGER,
        duplicate_of INTEGER,
        ended_at INTEGER,
        owner TEXT,
        lease_until INTEGER,
        secret TEXT,
        allow_hosts TEXT NOT NULL DEFAULT '[]',
        plan TEXT NOT NULL,
        spec TEXT NOT NULL,
        body BLOB NOT NULL
      );
      CREATE INDEX sends_by_batch ON sends(batch_id, seq);
      CREATE INDEX sends_scheduled ON sends(batch_id) WHERE status = 'scheduled';
      CREATE TABLE send_attempts (
        send_id INTEGER NOT NULL REFERENCES sends(id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        offset_ms INTEGER NOT NULL,
        sent_at INTEGER NOT NULL,
        status INTEGER,
        duration_ms REAL NOT NULL,
        error TEXT,
        error_message TEXT,
        request_headers TEXT NOT NULL,
        response_headers TEXT,
        response_truncated INTEGER NOT NULL DEFAULT 0,
        response_body BLOB,
        PRIMARY KEY (send_id, n)
      );
    `);
  },
  // 5: text search index (store/search.ts): trigram candidates, filled in idle time past a high-water
  // mark; deleting a delivery removes it and lowers the mark when the newest rows go (ids get reused).
  (db) => {
    db.exec(`
      CREATE VIRTUAL TABLE deliveries_search USING fts5(
        doc, tokenize = 'trigram', content = '', contentless_delete = 1, detail = none
      );
      CREATE TABLE search_state (indexed_through INTEGER NOT NULL);
      INSERT INTO search_state (indexed_through) VALUES (0);
      CREATE TABLE search_unindexed (id INTEGER PRIMARY KEY);
      CREATE TRIGGER deliveries_search_forget AFTER DELETE ON deliveries
      WHEN old.id <= (SELECT indexed_through FROM search_state)
      BEGIN
        DELETE FROM deliveries_search WHERE rowid = old.id;
        DELETE FROM search_unindexed WHERE id = old.id;
        UPDATE search_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM deliveries)
          WHERE indexed_through > (SELECT coalesce(max(id), 0) FROM deliveries);
      END;
    `);
  },
  // 6: where each send's event stood in the order the events occurred, before any shuffle. Older rows
  // did not record it and a shuffle cannot be undone from what they kept, so they get NULL ("not
  // recorded") rather than their seq, which would claim a shuffled batch arrived in order; only a
  // batch of one run, which nothing can have reordered, gets its certain 0.
  (db) => {
    db.exec(`
      ALTER TABLE sends ADD COLUMN occurred_seq INTEGER;
      UPDATE sends SET occurred_seq = 0
        WHERE batch_id IN (SELECT batch_id FROM sends GROUP BY batch_id HAVING COUNT(*) = 1);
    `);
  },
  // 7: the capture log (store/capture-log.ts): captures as the receiver commits them, before they are
  // verified and filed into deliveries under the same id. Only the id is indexed, so appending costs
  // a fraction of a delivery row; endpoint_id carries no foreign key, so deleting an endpoint never
  // fails or waits on captures still here.
  (db) => {
    db.exec(`
      CREATE TABLE capture_log (
        id INTEGER PRIMARY KEY,
        received_at INTEGER NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        query TEXT NOT NULL,
        http_version TEXT NOT NULL,
        truncated INTEGER NOT NULL,
        incomplete TEXT,
        remote_address TEXT,
        remote_port INTEGER,
        duration_ms REAL NOT NULL,
        endpoint_id INTEGER,
        endpoint_path TEXT,
        response_status INTEGER,
        headers TEXT NOT NULL, -- JSON of Node's flat raw list: name, value, name, value…
        body BLOB NOT NULL
      );
    `);
  },
  // 8 (issue #21): a forward's or replay's failure explained in words (replay/forward-diagnosis.ts).
  (db) => {
    db.exec('ALTER TABLE replays ADD COLUMN diagnosis TEXT;');
  },
  // 9 (issue #21): an endpoint's relay (`smee:<channel URL>`): it also receives from that channel.
  (db) => {
    db.exec('ALTER TABLE endpoints ADD COLUMN relay TEXT;');
  },
  // 10 (issue #21): auto-forward rules by event type, JSON [{event, url}] tried before forward_to.
  (db) => {
    db.exec("ALTER TABLE endpoints ADD COLUMN forward_rules TEXT NOT NULL DEFAULT '[]';");
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

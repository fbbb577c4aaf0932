// Schema migrations keyed by PRAGMA user_version: migration N brings a database from version N-1 to N,
// each in its own transaction. A database from a newer Hookscope is refused rather than damaged.
// Append new migrations at the end; never edit a released one.
import type Database from 'better-sqlite3';
import type { SecretBox } from '../secrets/secret-box.js';
import { sealPlainSecrets } from './endpoints.js';
import { sealPlainSendSecrets } from './sends.js';
import { StoreError } from './errors.js';

/** What a migration may need besides the database. */
export interface MigrationContext {
  secretBox?: SecretBox;
}

type Migration = (db: Database.Database, ctx: MigrationContext) => void;

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
  // 8 (issue 15, secrets at rest): endpoint and mock-send secrets stored as plain text are sealed in place with the
  // secret box (secrets/secret-box.ts); secure_delete zeroes the bytes the plain text leaves behind
  // in the page, and migrate() checkpoints the WAL afterwards so no older frame keeps them either.
  (db, { secretBox }) => {
    if (!secretBox) throw new StoreError('opening this database seals its endpoint secrets, which needs a secret box', 'db-open');
    db.pragma('secure_delete = ON');
    sealPlainSecrets(db, secretBox);
    sealPlainSendSecrets(db, secretBox); // a mock send's signing secret (often the endpoint's, prefilled)
  },
  // 9 (issue #15): settings kept in the database (shared/settings.ts names the keys; retention.* for now).
  (db) => {
    db.exec('CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
  },
  // 10 (issue #15): retention removes deliveries without deleting their search rows one by one. FTS5
  // rewrites a segment's tombstones at every commit, so the per-row delete of migration 5's trigger
  // cost ~300 ms per short transaction on a 20k-delivery index (bench/RESULTS.md, "Pruning"). Rows at
  // or below forgotten_through are left behind instead (harmless: every search joins deliveries and
  // re-checks with LIKE), counted in orphans, and dropped all at once by resetting the index when
  // they outnumber the live rows (store/retention.ts). Same trigger otherwise.
  (db) => {
    db.exec(`
      ALTER TABLE search_state ADD COLUMN forgotten_through INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE search_state ADD COLUMN orphans INTEGER NOT NULL DEFAULT 0;
      DROP TRIGGER deliveries_search_forget;
      CREATE TRIGGER deliveries_search_forget AFTER DELETE ON deliveries
      WHEN old.id <= (SELECT indexed_through FROM search_state) AND old.id > (SELECT forgotten_through FROM search_state)
      BEGIN
        DELETE FROM deliveries_search WHERE rowid = old.id;
        DELETE FROM search_unindexed WHERE id = old.id;
        UPDATE search_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM deliveries)
          WHERE indexed_through > (SELECT coalesce(max(id), 0) FROM deliveries);
      END;
    `);
  },
  // 11 (issue 14, the Response tab): what each capture was answered with. An endpoint's response
  // settings are kept as versions (endpoint_responses, written by triggers whenever an endpoint is
  // created or its response changes), and a capture stores only the id of the version it was
  // answered with: one integer on the receiver's hot path instead of the headers and body. No foreign
  // keys: a version outlives its endpoint, so deliveries keep showing what they got. response_id 0
  // means the default answer (no endpoint matched); NULL, a capture from before this migration.
  (db) => {
    const columns = 'endpoint_id, status, headers, body, delay_ms, created_at';
    const fromNew = "new.id, new.response_status, new.response_headers, new.response_body, new.response_delay_ms, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    db.exec(`
      CREATE TABLE endpoint_responses (
        id INTEGER PRIMARY KEY,
        endpoint_id INTEGER NOT NULL,
        status INTEGER NOT NULL,
        headers TEXT NOT NULL,
        body TEXT NOT NULL,
        delay_ms INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      ALTER TABLE endpoints ADD COLUMN response_id INTEGER;
      ALTER TABLE capture_log ADD COLUMN response_id INTEGER;
      ALTER TABLE deliveries ADD COLUMN response_id INTEGER;
      INSERT INTO endpoint_responses (${columns})
        SELECT id, response_status, response_headers, response_body, response_delay_ms, created_at FROM endpoints;
      UPDATE endpoints SET response_id = (SELECT max(r.id) FROM endpoint_responses r WHERE r.endpoint_id = endpoints.id);
      CREATE TRIGGER endpoint_response_created AFTER INSERT ON endpoints
      BEGIN
        INSERT INTO endpoint_responses (${columns}) VALUES (${fromNew});
        UPDATE endpoints SET response_id = last_insert_rowid() WHERE id = new.id;
      END;
      CREATE TRIGGER endpoint_response_changed
      AFTER UPDATE OF response_status, response_headers, response_body, response_delay_ms ON endpoints
      WHEN new.response_status IS NOT old.response_status OR new.response_headers IS NOT old.response_headers
        OR new.response_body IS NOT old.response_body OR new.response_delay_ms IS NOT old.response_delay_ms
      BEGIN
        INSERT INTO endpoint_responses (${columns}) VALUES (${fromNew});
        UPDATE endpoints SET response_id = last_insert_rowid() WHERE id = new.id;
      END;
    `);
  },
  // 12 (issue 14): the provider's event type of each delivery (X-GitHub-Event, AgileTune's `event`…),
  // read from its headers or body when it is filed (shared/providers/event.ts), so the inbox lists it
  // without reading bodies. Rows filed before stay NULL ("not recorded"): finding theirs would mean
  // parsing every stored body during the upgrade.
  (db) => {
    db.exec('ALTER TABLE deliveries ADD COLUMN event TEXT');
  },
  // 13 (issue #21): a forward's or replay's failure explained in words (replay/forward-diagnosis.ts).
  (db) => {
    db.exec('ALTER TABLE replays ADD COLUMN diagnosis TEXT;');
  },
  // 14 (issue #21): an endpoint's relay (`smee:<channel URL>`): it also receives from that channel.
  (db) => {
    db.exec('ALTER TABLE endpoints ADD COLUMN relay TEXT;');
  },
  // 15 (issue #21): auto-forward rules by event type, JSON [{event, url}] tried before forward_to.
  (db) => {
    db.exec("ALTER TABLE endpoints ADD COLUMN forward_rules TEXT NOT NULL DEFAULT '[]';");
  },
  // 16 (issue #17): the search index merges its segments less often. FTS5 merges 4 segments of a level
  // into the next by default (automerge 4, crisismerge 16), so an index filled in short idle slices
  // rewrites its postings again and again; 16 and 64 indexed 1.25-1.35x faster per CPU second with the
  // receiver's 64-delivery slices (bench:search-index). Both are FTS5 settings kept in the index's own
  // config table; a search reads a few more segments, still milliseconds.
  (db) => {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'deliveries_search'").get()) return;
    db.exec(`INSERT INTO deliveries_search (deliveries_search, rank) VALUES ('automerge', 16);
      INSERT INTO deliveries_search (deliveries_search, rank) VALUES ('crisismerge', 64);`);
  },
  // 17 (issue #17): the search index holds one row per block of 32 deliveries (SEARCH_BLOCK), whose
  // words are the block's distinct byte trigrams, written by the indexer (store/search-terms.ts),
  // instead of FTS5's trigram tokens of every character of every delivery: ~2.5x less CPU per
  // delivery indexed (bench:search-index). The old index cannot be converted: it is dropped, the
  // mark goes back to 0, and the receiver rebuilds the index in idle time (searches scan the rows
  // not indexed yet meanwhile: exact, only slower). The delete trigger keeps a deleted delivery's
  // words in its block's row (the row also serves the block's other deliveries) and counts them as
  // left behind, like retention does (migration 10).
  (db) => {
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'deliveries_search'").get()) return;
    db.exec(`
      DROP TRIGGER deliveries_search_forget;
      DROP TABLE deliveries_search;
      CREATE VIRTUAL TABLE deliveries_search USING fts5(
        doc, tokenize = 'ascii', content = '', contentless_delete = 1, detail = none
      );
      INSERT INTO deliveries_search (deliveries_search, rank) VALUES ('automerge', 16);
      INSERT INTO deliveries_search (deliveries_search, rank) VALUES ('crisismerge', 64);
      DELETE FROM search_unindexed;
      UPDATE search_state SET indexed_through = 0, forgotten_through = 0, orphans = 0;
      CREATE TRIGGER deliveries_search_forget AFTER DELETE ON deliveries
      WHEN old.id <= (SELECT indexed_through FROM search_state) AND old.id > (SELECT forgotten_through FROM search_state)
      BEGIN
        DELETE FROM search_unindexed WHERE id = old.id;
        UPDATE search_state SET orphans = orphans + 1;
        UPDATE search_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM deliveries)
          WHERE indexed_through > (SELECT coalesce(max(id), 0) FROM deliveries);
      END;
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Refuses a database from a newer Hookscope, reading its header only (nothing is written). */
export function checkVersion(db: Database.Database): number {
  db.prepare('SELECT count(*) FROM sqlite_schema').get(); // a file that is no database, or a damaged schema, fails here
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new StoreError(
      `${db.name} was written by a newer Hookscope (schema ${current}, this version knows ${SCHEMA_VERSION}): upgrade Hookscope or use another --db; the file was not changed`,
      'db-newer',
    );
  }
  return current;
}

export function migrate(db: Database.Database, ctx: MigrationContext = {}): void {
  const current = checkVersion(db);
  // Each step takes the write lock first, then reads the version again: two processes opening a new
  // (or older) file at once take turns, and the second finds the steps done instead of running them
  // twice ("table endpoints already exists"), or failing to upgrade a read to a write (SQLITE_BUSY).
  // A step longer than the busy timeout (5 s: a big upgrade) still fails the other opener, which can retry.
  const step = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version >= SCHEMA_VERSION) return false;
    MIGRATIONS[version]!(db, ctx);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  if (current < SCHEMA_VERSION) while (step.immediate());
  // An older database just migrated: its WAL may still hold frames from before (plain-text secrets,
  // see migration 8); a truncating checkpoint leaves only the migrated pages.
  if (current > 0 && current < SCHEMA_VERSION) db.pragma('wal_checkpoint(TRUNCATE)');
}

/** For tests: bring a fresh database only up to `version`, as an older Hookscope would have left it. */
export function migrateTo(db: Database.Database, version: number): void {
  for (let v = db.pragma('user_version', { simple: true }) as number; v < version; v++) {
    db.transaction(() => {
      MIGRATIONS[v]!(db, {});
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

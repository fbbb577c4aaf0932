// Text search over captures: case-insensitive substring over path, query, headers and body text.
//
// Decision (bench/RESULTS.md has the figures): a LIKE scan reads every stored byte, about a second at
// 1M deliveries. An FTS5 table with the trigram tokenizer finds candidates in milliseconds, but
// indexing costs ~250 µs of CPU per 1 KB delivery, several times what capturing one costs. So:
// - the index is contentless with detail=none (rowids only, ~0.8 KB per delivery) and serves as a
//   candidate filter: every candidate is re-checked with the same LIKE as before, so results are
//   exactly what the LIKE scan gave (ASCII case folding included);
// - nothing is indexed on the receiver's hot path: the receiver indexes in idle time (see
//   store/maintenance/search-indexer.ts) past a high-water mark, and a search re-checks the rows not indexed
//   yet (the tail past the mark, and bodies too large to index in one slice) with LIKE;
// - deleting a delivery removes it from the index (trigger), and lowers the mark when the newest
//   rows go, since SQLite may then reuse their ids.
import type { Db } from './connection.js';

/** Substrings shorter than a trigram cannot use the index: they are searched with a scan. */
export const MIN_INDEXED_CHARS = 3;
/** Bodies larger than this are not indexed (one would block the event loop); search scans them. */
export const MAX_INDEXED_BODY = 256 * 1024;
/** SQL: the delivery's body is text worth indexing (no NUL byte, no Content-Encoding header). */
const TEXT_BODY = `(instr(body, X'00') = 0 AND headers NOT LIKE '%"content-encoding"%')`;
/** Terms in one index query: enough to be selective, few enough to stay fast on long needles. */
const MAX_TERMS = 24;

export interface IndexSlice {
  /** Most deliveries indexed in one call. */
  maxRows?: number;
  /** Stop once this many body bytes were indexed (at least one delivery is). */
  maxBytes?: number;
}

export class SearchIndex {
  readonly available: boolean;
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.available = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'deliveries_search'").get() !== undefined;
    if (!this.available) {
      this.stmts = null;
      return;
    }
    this.stmts = {
      through: db.prepare('SELECT indexed_through FROM search_state').pluck(),
      next: db.prepare('SELECT id, body_size FROM deliveries WHERE id > ? ORDER BY id LIMIT ?'),
      // A body that is not text (a NUL byte, or a Content-Encoding such as gzip) is left out of the
      // index: its trigrams are noise that cost ~3.7× its size on disk. It is listed as unindexed
      // instead, so a search still finds text in it with the LIKE re-check, exactly as before.
      index: db.prepare(`INSERT INTO deliveries_search (rowid, doc)
        SELECT id, path || char(10) || query || char(10) || headers || char(10) || iif(${TEXT_BODY}, CAST(body AS TEXT), '')
        FROM deliveries WHERE id > ? AND id <= ? AND body_size <= ${MAX_INDEXED_BODY}`),
      unindexed: db.prepare(`INSERT OR IGNORE INTO search_unindexed (id)
        SELECT id FROM deliveries WHERE id > ? AND id <= ? AND (body_size > ${MAX_INDEXED_BODY} OR NOT ${TEXT_BODY})`),
      advance: db.prepare('UPDATE search_state SET indexed_through = ?'),
      maxId: db.prepare('SELECT coalesce(max(id), 0) FROM deliveries').pluck(),
    };
  }

  /** Highest delivery id up to which everything is indexed (or listed as unindexed). */
  indexedThrough(): number {
    return this.stmts ? (this.stmts.through.get() as number) : 0;
  }

  /** Deliveries stored past the mark, not indexed yet (an upper bound where ids have gaps). */
  backlog(): number {
    return this.stmts ? Math.max(0, (this.stmts.maxId.get() as number) - this.indexedThrough()) : 0;
  }

  /** Indexes the next deliveries past the mark, in one transaction; returns how many it covered. */
  indexNext(slice: IndexSlice = {}): number {
    const stmts = this.stmts;
    if (!stmts) return 0;
    const maxRows = slice.maxRows ?? 64;
    const maxBytes = slice.maxBytes ?? 128 * 1024;
    return this.db.transaction(() => {
      const from = stmts.through.get() as number;
      const rows = stmts.next.all(from, maxRows) as Array<{ id: number; body_size: number }>;
      if (rows.length === 0) return 0;
      let to = from;
      let bytes = 0;
      let count = 0;
      for (const row of rows) {
        if (count > 0 && row.body_size <= MAX_INDEXED_BODY && bytes + row.body_size > maxBytes) break;
        if (row.body_size <= MAX_INDEXED_BODY) bytes += row.body_size;
        to = row.id;
        count++;
      }
      stmts.index.run(from, to);
      stmts.unindexed.run(from, to);
      stmts.advance.run(to);
      return count;
    }).immediate(); // take the write lock first: a read that later upgrades can fail with SQLITE_BUSY at once
  }

  /** Empties the index (all deliveries are being deleted, or it is to be rebuilt in idle time). */
  reset(): void {
    if (!this.stmts) return;
    this.db.exec(`INSERT INTO deliveries_search (deliveries_search) VALUES ('delete-all');
      DELETE FROM search_unindexed; UPDATE search_state SET indexed_through = 0, forgotten_through = 0, orphans = 0;`);
  }

  /**
   * Deliveries up to `throughId` are about to be removed in bulk (retention): their index rows are
   * left behind rather than deleted one by one (see migration 9), and counted; `removing` is how many
   * of them are indexed. Call in the removing transaction, before the DELETE.
   */
  forgetThrough(throughId: number, removing: number): void {
    if (!this.stmts) return;
    this.db
      .prepare('UPDATE search_state SET forgotten_through = max(forgotten_through, ?), orphans = orphans + ? ')
      .run(throughId, removing);
    this.db.prepare('DELETE FROM search_unindexed WHERE id <= ?').run(throughId);
  }

  /**
   * After a bulk removal: the mark comes down if the newest rows went (SQLite may reuse their ids),
   * and once the rows left behind outnumber the live ones, the index is emptied and rebuilt from
   * the deliveries kept, in idle time (searches scan meanwhile: exact, only slower).
   */
  settleAfterRemoval(liveCount: number): void {
    if (!this.stmts) return;
    const maxId = this.stmts.maxId.get() as number;
    this.db.prepare('UPDATE search_state SET indexed_through = ? WHERE indexed_through > ?').run(maxId, maxId);
    const orphans = this.db.prepare('SELECT orphans FROM search_state').pluck().get() as number;
    if (orphans > Math.max(1000, liveCount)) this.reset();
  }
}

/**
 * The index query for a needle: its trigrams, non-overlapping plus the last one, all required. A
 * superset of the rows containing the needle (the tokenizer folds case), so callers re-check with
 * LIKE. Null when the needle is too short to have a trigram.
 */
export function trigramQuery(needle: string): string | null {
  const chars = [...needle];
  if (chars.length < MIN_INDEXED_CHARS) return null;
  const starts: number[] = [];
  for (let i = 0; i + MIN_INDEXED_CHARS <= chars.length; i += MIN_INDEXED_CHARS) starts.push(i);
  const last = chars.length - MIN_INDEXED_CHARS;
  if (starts.at(-1) !== last) starts.push(last);
  const picked = starts.length > MAX_TERMS ? spread(starts, MAX_TERMS) : starts;
  // FTS5's query syntax cannot carry a NUL: such trigrams are left out (fewer terms, more candidates).
  const terms = new Set(picked.map((i) => chars.slice(i, i + MIN_INDEXED_CHARS).join('')).filter((t) => !t.includes('\u0000')));
  if (terms.size === 0) return null;
  return [...terms].map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
}

function spread(values: number[], count: number): number[] {
  const step = (values.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => values[Math.round(i * step)]!);
}

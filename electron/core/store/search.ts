// Text search over captures: case-insensitive substring over path, query, headers and body text.
//
// Decision (bench/RESULTS.md has the figures): a LIKE scan reads every stored byte, about a second at
// 1M deliveries. An FTS5 index finds candidates in milliseconds, but indexing costs CPU. So:
// - the index is contentless with detail=none and serves as a candidate filter: one row per block
//   of SEARCH_BLOCK deliveries, holding the distinct byte trigrams of the block (search-terms.ts),
//   and every candidate is re-checked with the same LIKE as before, so results are exactly what the
//   LIKE scan gave (ASCII case folding included);
// - nothing is indexed on the receiver's hot path: the receiver indexes in idle time (see
//   store/maintenance/search-indexer.ts) past a high-water mark, and a search re-checks the rows not indexed
//   yet (the tail past the mark, and bodies left out of the index) with LIKE;
// - a block is written whole: the block the mark stops in is rewritten when the next deliveries
//   come (its row replaced), so a row never misses a delivery of its block below the mark;
// - deleting a delivery leaves its words in its block's row (harmless: the join finds no delivery,
//   counted as orphans), and lowers the mark when the newest rows go, since SQLite may then reuse
//   their ids (their block is then rewritten).
import { isUtf8 } from 'node:buffer';
import type { Db } from './connection.js';
import { SEARCH_BLOCK, TrigramCollector, blockOf } from './search-terms.js';

export { SEARCH_BLOCK, blockOf, trigramQuery } from './search-terms.js';
/** Bodies larger than this are not indexed (one would block the event loop); search scans them. */
export const MAX_INDEXED_BODY = 256 * 1024;
/** SQL: the delivery's body may be text worth indexing (no Content-Encoding header, not too large). */
const BODY_CANDIDATE = `(body_size <= ${MAX_INDEXED_BODY} AND headers NOT LIKE '%"content-encoding"%')`;

interface IndexRow {
  id: number;
  body_size: number;
  /** path, query and headers, as stored (UTF-8). */
  text: Buffer;
  /** The body if it may be indexed (BODY_CANDIDATE), else null. */
  body: Buffer | null;
}

/**
 * A body is indexed when it is text as LIKE reads it: no NUL (LIKE stops there) and valid UTF-8
 * (SQLite decodes invalid bytes its own way, which byte trigrams would not match). A binary or
 * compressed body's trigrams are noise anyway, ~3.7x its size on disk. Others are listed as
 * unindexed, so a search still finds text in them with the LIKE re-check, exactly as before.
 */
function indexableBody(body: Buffer | null): body is Buffer {
  return body !== null && !body.includes(0) && isUtf8(body);
}

export interface IndexSlice {
  /** Most deliveries indexed in one call. */
  maxRows?: number;
  /** Stop before this many body bytes (default 256 KiB; at least one delivery is indexed). */
  maxBytes?: number;
  /**
   * Only blocks no later delivery can join (the newest delivery is past their end): under traffic,
   * writing the newest, partial block would rewrite it again at every slice (~4x the work per
   * delivery with a few new ones each time). Its deliveries stay in the tail a search scans.
   * Give maxRows a multiple of SEARCH_BLOCK, or slices end inside blocks anyway.
   */
  wholeBlocks?: boolean;
}

export class SearchIndex {
  readonly available: boolean;
  private readonly stmts;
  private readonly terms = new TrigramCollector();

  constructor(private readonly db: Db) {
    this.available = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'deliveries_search'").get() !== undefined;
    if (!this.available) {
      this.stmts = null;
      return;
    }
    this.stmts = {
      through: db.prepare('SELECT indexed_through FROM search_state').pluck(),
      // From the start of the block the mark is in: that block's row is rewritten whole.
      rows: db.prepare(`SELECT id, body_size, CAST(path || char(10) || query || char(10) || headers AS BLOB) AS text,
        iif(${BODY_CANDIDATE}, body, NULL) AS body FROM deliveries WHERE id > ? ORDER BY id LIMIT ?`),
      replace: db.prepare('INSERT OR REPLACE INTO deliveries_search (rowid, doc) VALUES (?, ?)'),
      unindexed: db.prepare('INSERT OR IGNORE INTO search_unindexed (id) VALUES (?)'),
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
    const maxBytes = slice.maxBytes ?? 256 * 1024;
    const index = this.db.transaction(() => {
      const from = stmts.through.get() as number;
      const blockStart = Math.floor(from / SEARCH_BLOCK) * SEARCH_BLOCK;
      const lastId = slice.wholeBlocks ? Math.floor((stmts.maxId.get() as number) / SEARCH_BLOCK) * SEARCH_BLOCK : Infinity;
      if (lastId <= from) return 0;
      // The block's deliveries already indexed (fewer than SEARCH_BLOCK), then up to maxRows new ones.
      const rows = stmts.rows.all(blockStart, Math.min(from - blockStart + maxRows, lastId - blockStart)) as IndexRow[];
      let count = 0;
      let bytes = 0;
      let to = from;
      let block = -1;
      for (const row of rows) {
        if (row.id > from) {
          if (count === maxRows || row.id > lastId || (count > 0 && row.body && bytes + row.body.length > maxBytes)) break;
          if (row.body) bytes += row.body.length;
          count++;
          to = row.id;
        }
        if (blockOf(row.id) !== block) {
          if (block >= 0) stmts.replace.run(block, this.terms.take());
          block = blockOf(row.id);
        }
        this.terms.add(row.text);
        if (indexableBody(row.body)) this.terms.add(row.body);
        else if (row.body_size > 0) stmts.unindexed.run(row.id);
      }
      if (count === 0) return 0; // only the block's earlier deliveries were read: nothing new to write
      stmts.replace.run(block, this.terms.take());
      stmts.advance.run(to);
      return count;
    });
    try {
      return index.immediate(); // take the write lock first: a read that later upgrades can fail with SQLITE_BUSY at once
    } finally {
      this.terms.clear(); // nothing left over from a slice that stopped early or failed
    }
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

// Removing deliveries without holding the receiver back. Every removal (prune by the retention rules,
// clear all, clear one endpoint) goes oldest first in slices: one transaction each, of at most about
// `budgetMs` (a few milliseconds), so a capture waits for the write lock no longer than that, whether
// the slices run in the receiver's own process (serve's background retention) or in another one (a
// CLI `prune`). A slice either commits whole or not at all: a full disk or a kill -9 mid-prune leaves
// the database as it was after the last slice, every delivery whole with its replays.
//
// What goes with a delivery: its replays and their bodies (foreign key ON DELETE CASCADE) and its
// search index row: left behind and counted, then dropped with the whole index once such rows
// outnumber the live ones (deleting FTS5 rows one by one in short transactions costs far more than
// the removal itself: see migration 9 and SearchIndex.forgetThrough). Mock sends have no link to deliveries, so their runs
// and attempts stay. Captures still in the capture log are never touched: they are newer than every
// delivery, and retention counts them once they are filed.
//
// Space goes back to the OS with incremental vacuum (databases created with auto_vacuum=INCREMENTAL,
// see db.ts), also in slices; in WAL mode the file shrinks when the next checkpoint completes.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Db } from './connection.js';
import type { SearchIndex } from './search.js';

export interface RemovalRules {
  /** Keep at most this many deliveries. */
  keep?: number;
  /** Remove deliveries received before this time (unix ms). */
  receivedBeforeMs?: number;
  /** Remove the oldest deliveries while the database uses more than this many bytes. */
  maxBytes?: number;
}

/** Rows looked at per statement inside a slice. */
const BATCH = 32;
/** Pages given back per incremental_vacuum statement inside a slice. */
const VACUUM_PAGES = 16;
/** What a delivery costs besides its body (row header, headers JSON, index entries), for estimating. */
const ROW_OVERHEAD_BYTES = 1024;

export class Retention {
  private readonly stmts;
  /**
   * How long the last slice (a removal's step or a give-back) held the write lock, its commit
   * included and the wait for the lock not: what pacing adapts to (another process's receiver
   * holding the lock must not make slices smaller).
   */
  lastHeldMs = 0;
  /** Of lastHeldMs, how long the commit took (writing the slice's pages to the WAL), for tracing. */
  lastCommitMs = 0;
  /**
   * Removals or give-backs running now (electron/core/retention.ts counts them): the search indexer
   * waits meanwhile, so its slices do not stack on retention's (store/maintenance/index.ts).
   */
  running = 0;

  constructor(
    private readonly db: Db,
    private readonly search: SearchIndex,
  ) {
    this.stmts = {
      count: db.prepare('SELECT count(*) FROM deliveries').pluck(),
      oldest: db.prepare('SELECT id, received_at, body_size FROM deliveries ORDER BY id LIMIT ?'),
      removeThrough: db.prepare('DELETE FROM deliveries WHERE id <= ?'),
      maxId: db.prepare('SELECT coalesce(max(id), 0) FROM deliveries').pluck(),
      nextAll: db.prepare('SELECT id FROM deliveries WHERE id <= ? ORDER BY id LIMIT ?').pluck(),
      nextOfEndpoint: db.prepare('SELECT id FROM deliveries WHERE endpoint_path = ? AND id <= ? ORDER BY id LIMIT ?').pluck(),
      removeIds: db.prepare('DELETE FROM deliveries WHERE id IN (SELECT value FROM json_each(?))'),
    };
  }

  /** The database's files on disk (the file and its write-ahead log), in bytes. */
  dbBytes(): number {
    return fileSize(this.db.name) + fileSize(`${this.db.name}-wal`);
  }

  /** Bytes the file's pages hold, less the free pages (what retention.maxBytes compares with). */
  usedBytes(): number {
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const free = this.db.pragma('freelist_count', { simple: true }) as number;
    return (pages - free) * (this.db.pragma('page_size', { simple: true }) as number);
  }

  /** Whether freed pages can go back to the OS (auto_vacuum=INCREMENTAL). */
  canGiveBackSpace(): boolean {
    return this.db.pragma('auto_vacuum', { simple: true }) === 2;
  }

  count(): number {
    return this.stmts.count.get() as number;
  }

  /** The deliveries there are now, to be counted a chunk at a time (SlicedCount). */
  slicedCount(): SlicedCount {
    return new SlicedCount(this.db, this.stmts.maxId.get() as number);
  }

  /** A removal by the retention rules, run slice by slice with `step`. */
  prune(rules: RemovalRules): Removal {
    // Counted once, in slices before the first removal (the first steps count, see SlicedCount):
    // deliveries filed while the prune runs are newer than all it removes.
    const counting = rules.keep === undefined ? null : this.slicedCount();
    let quota = 0;
    const counted = () => {
      if (!counting || counting.done) return true;
      if (!counting.step()) return false;
      quota = Math.max(0, counting.total - rules.keep!);
      return true;
    };
    return this.removal(counted, (until, maxRows) => {
      let removed = 0;
      let through = 0;
      let used = rules.maxBytes === undefined ? 0 : this.usedBytes();
      while (performance.now() < until && removed < maxRows) {
        const rows = this.stmts.oldest.all(Math.min(BATCH, maxRows - removed)) as Array<{ id: number; received_at: number; body_size: number }>;
        let last = 0;
        for (const row of rows) {
          const byCount = quota > 0;
          const byAge = rules.receivedBeforeMs !== undefined && row.received_at < rules.receivedBeforeMs;
          const bySize = rules.maxBytes !== undefined && used > rules.maxBytes;
          if (!byCount && !byAge && !bySize) break; // oldest first: never a newer one before an older one
          last = row.id;
          quota = Math.max(0, quota - 1);
          used -= row.body_size + ROW_OVERHEAD_BYTES;
          removed++;
        }
        if (last === 0) return { removed, done: true, through };
        this.search.forgetThrough(last, indexedAmong(rows.filter((r) => r.id <= last), this.search.indexedThrough()));
        this.stmts.removeThrough.run(last);
        through = last;
        if (rules.maxBytes !== undefined) used = this.usedBytes();
      }
      return { removed, done: false, through };
    });
  }

  /** Removes every delivery there is now, or every one of an endpoint (by its path). */
  clear(endpoint?: string): Removal {
    const through = this.stmts.maxId.get() as number;
    return this.removal(null, (until, maxRows) => {
      let removed = 0;
      let last = 0;
      while (performance.now() < until && removed < maxRows) {
        const batch = Math.min(BATCH, maxRows - removed);
        const ids = (endpoint === undefined ? this.stmts.nextAll.all(through, batch) : this.stmts.nextOfEndpoint.all(endpoint, through, batch)) as number[];
        if (ids.length > 0) {
          last = ids.at(-1)!;
          this.search.forgetThrough(last, indexedAmong(ids.map((id) => ({ id })), this.search.indexedThrough()));
          this.stmts.removeIds.run(JSON.stringify(ids));
          removed += ids.length;
        }
        if (ids.length < batch) return { removed, done: true, through: last };
      }
      return { removed, done: false, through: last };
    }, endpoint === undefined ? undefined : () => this.count()); // one endpoint's: the others' rows stay below `through`
  }

  /**
   * Gives free pages back to the OS for about `budgetMs` and at most `maxPages` pages, in one
   * transaction; returns how many remain free. Each page given back moves a page from the end of the
   * file into a free slot, so the pages also bound what the commit writes to the WAL.
   */
  giveBackSpace(budgetMs: number, maxPages: number): number {
    if (!this.canGiveBackSpace()) return 0;
    const free = () => this.db.pragma('freelist_count', { simple: true }) as number;
    return this.holdingWriteLock((began) => {
      const until = began + budgetMs;
      let moved = 0;
      for (let left = free(); left > 0 && moved < maxPages && performance.now() < until; left = free()) {
        const pages = Math.min(VACUUM_PAGES, maxPages - moved, left);
        this.db.pragma(`incremental_vacuum(${pages})`);
        moved += pages;
      }
      return free();
    });
  }

  /**
   * Runs `work` in one transaction that takes the write lock first (no upgrade that fails half-way),
   * and records how long it held the lock (lastHeldMs) and how much of that was the commit (lastCommitMs).
   */
  private holdingWriteLock<T>(work: (began: number) => T): T {
    let began = 0;
    let worked = 0;
    const result = this.db
      .transaction(() => {
        began = performance.now();
        const value = work(began);
        worked = performance.now();
        return value;
      })
      .immediate();
    const ended = performance.now();
    this.lastHeldMs = ended - began;
    this.lastCommitMs = ended - worked;
    return result;
  }

  /**
   * `ready` (when given) does preparatory work, one short piece per step, outside the removing
   * transaction, and says when it is done; `slice` returns the highest id it removed through (0:
   * none it can vouch for yet). `liveAfter` is how many deliveries are left, or a bound of it, once
   * it is done: by default the ids above the last one removed (everything up to it went, oldest
   * first; one seek rather than a count).
   */
  private removal(
    ready: (() => boolean) | null,
    slice: (until: number, maxRows: number) => { removed: number; done: boolean; through: number },
    liveAfter: (through: number) => number = (through) => Math.max(0, (this.stmts.maxId.get() as number) - through),
  ): Removal {
    let removed = 0;
    let done = false;
    let through = 0;
    return {
      get removed() {
        return removed;
      },
      get done() {
        return done;
      },
      get throughId() {
        return through;
      },
      step: (budgetMs, maxRows) => {
        if (done) return 0;
        if (ready) {
          const before = performance.now();
          const isReady = ready();
          this.lastHeldMs = performance.now() - before;
          this.lastCommitMs = 0;
          if (!isReady) return 0;
          ready = null;
        }
        const result = this.holdingWriteLock((began) => slice(began + budgetMs, Math.max(1, maxRows)));
        removed += result.removed;
        done = result.done;
        through = Math.max(through, result.through);
        // A bound of the live rows rather than count() (see liveAfter): the index is rebuilt no sooner.
        if (done) this.db.transaction(() => this.search.settleAfterRemoval(liveAfter(through))).immediate();
        return result.removed;
      },
    };
  }
}

/** Index entries one counting statement reads: a few dozen pages of the (method, id) index. */
const COUNT_CHUNK = 20_000;

/**
 * Counts the deliveries with id <= throughId a chunk at a time, so no statement holds the event loop
 * long. `SELECT count(*)` reads the whole smallest index in one statement: 811 pages at 200k
 * deliveries, over 4,000 at 1M, and while a prune keeps the page cache cold that took 65–370 ms at
 * 200k (bench/RESULTS.md, #15). This walks the same index, (method, id DESC), method by method,
 * each statement seeking where the last one stopped and reading at most `chunk` entries. Captures
 * filed meanwhile have higher ids, so they are not counted: the total is that of the rows up to
 * throughId that still exist as each chunk is read.
 */
export class SlicedCount {
  total = 0;
  done = false;
  private method: string | null | undefined;
  private below: number;
  private readonly stmts;

  constructor(
    db: Db,
    private readonly throughId: number,
  ) {
    this.below = throughId + 1;
    this.stmts = {
      firstMethod: db.prepare('SELECT min(method) FROM deliveries').pluck(),
      nextMethod: db.prepare('SELECT min(method) FROM deliveries WHERE method > ?').pluck(),
      chunk: db.prepare(`SELECT count(*) AS n, min(id) AS low FROM
        (SELECT id FROM deliveries INDEXED BY deliveries_by_method WHERE method = ? AND id < ? ORDER BY id DESC LIMIT ?)`),
    };
  }

  /** Counts the next chunk (at most `chunk` entries); returns true once the count is complete. */
  step(chunk = COUNT_CHUNK): boolean {
    if (this.done) return true;
    if (this.method === undefined) this.method = this.stmts.firstMethod.get() as string | null;
    if (this.method === null) return (this.done = true);
    const { n, low } = this.stmts.chunk.get(this.method, this.below, chunk) as { n: number; low: number | null };
    this.total += n;
    if (n === chunk && low !== null) {
      this.below = low;
    } else {
      this.method = this.stmts.nextMethod.get(this.method) as string | null;
      this.below = this.throughId + 1;
      if (this.method === null) this.done = true;
    }
    return this.done;
  }
}

/** A removal under way: each step is one short transaction. */
export interface Removal {
  readonly removed: number;
  readonly done: boolean;
  /** Every delivery (of the endpoint, for a clear) up to this id is gone once the removal is done. */
  readonly throughId: number;
  /** Removes the next deliveries for about `budgetMs`, at most `maxRows` of them; returns how many went. */
  step(budgetMs: number, maxRows: number): number;
}

const indexedAmong = (rows: ReadonlyArray<{ id: number }>, indexedThrough: number) => rows.filter((r) => r.id <= indexedThrough).length;

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

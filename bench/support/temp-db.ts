// Temporary database files for benchmark runs, removed when the process exits.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../../electron/core/index.js';

const dirs: string[] = [];
process.on('exit', () => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh database path. With a page size, the file is created with it first (Hookscope then opens
 * and migrates it as usual): for measuring what the page size does, without changing the product.
 */
export function benchDbFile(name: string, pageSize?: number): string {
  const dir = fs.mkdtempSync(path.join(process.env.BENCH_TMPDIR ?? os.tmpdir(), `hookscope-bench-${name}-`));
  dirs.push(dir);
  const file = path.join(dir, `${name}.db`);
  if (pageSize) {
    const db = new Database(file);
    db.pragma(`page_size = ${pageSize}`);
    db.pragma('journal_mode = WAL'); // writes the header: the page size is now fixed
    db.close();
  }
  return file;
}

/** The page size asked for with BENCH_PAGE_SIZE, if any. */
export function pageSizeFromEnv(): number | undefined {
  const raw = process.env.BENCH_PAGE_SIZE;
  if (!raw) return undefined;
  const n = Number(raw);
  if (![1024, 2048, 4096, 8192, 16384, 32768, 65536].includes(n)) throw new Error(`BENCH_PAGE_SIZE must be a power of two from 1024 to 65536, got "${raw}"`);
  return n;
}

/**
 * For measuring what search indexing costs the receiver: moves the index's high-water mark past any
 * id, so the background indexer finds nothing to do (never done outside benchmarks).
 */
export function disableSearchIndexing(db: Db): void {
  db.prepare('UPDATE search_state SET indexed_through = ?').run(Number.MAX_SAFE_INTEGER);
}

// The search index's rules since issue #17 (store/search-terms.ts): one index row per block of
// SEARCH_BLOCK deliveries holding the block's byte trigrams, rewritten whole when the mark moves on
// inside it; bodies that are not valid UTF-8 left out (and scanned), needles with a NUL scanned;
// and migration 17 rebuilding the index of an existing database in the background.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewCapture } from '../../../electron/core/store/deliveries.js';
import { openStore, type Store } from '../../../electron/core/store/index.js';
import { SEARCH_BLOCK } from '../../../electron/core/store/search.js';
import { newCapture } from '../../support/new-capture.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

afterAll(removeTempDirs);

function capture(path: string, body: Buffer | string): NewCapture {
  return newCapture({ path, body: Buffer.from(body) });
}

const ids = (store: Store, q: string, limit = 1000) => store.deliveries.list({ q, limit }).map((d) => d.id);
/** The LIKE scan that search has always meant (the oracle). */
function likeScan(store: Store, q: string): number[] {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return store.db
    .prepare(`SELECT id FROM deliveries WHERE path LIKE ? ESCAPE '\\' OR query LIKE ? ESCAPE '\\' OR headers LIKE ? ESCAPE '\\'
      OR CAST(body AS TEXT) LIKE ? ESCAPE '\\' ORDER BY id DESC`)
    .pluck()
    .all(like, like, like, like) as number[];
}
const indexRows = (store: Store) => store.db.prepare('SELECT count(*) FROM deliveries_search').pluck().get() as number;
const indexAll = (store: Store, maxRows = 64) => {
  while (store.deliveries.search.indexNext({ maxRows }) > 0);
};

describe('the search index in blocks of deliveries', () => {
  it('writes one row per block, rewriting the block the mark stopped in, and every delivery stays findable', () => {
    const store = openStore(tempDbFile());
    try {
      const n = SEARCH_BLOCK * 2 + 5;
      store.deliveries.insertMany(Array.from({ length: n }, (_, i) => capture(`/hooks/${i}`, `{"tag":"Tag-${i}-end"}`)));
      indexAll(store, 3); // slices that stop inside blocks again and again
      expect(indexRows(store)).toBe(3);
      for (const i of [0, SEARCH_BLOCK - 1, SEARCH_BLOCK, n - 1]) expect(ids(store, `tag-${i}-END`)).toEqual([i + 1]);
      // The page is the newest matches even when it ends inside a block.
      expect(ids(store, '"tag":"tag-', 7)).toEqual(likeScan(store, '"tag":"tag-').slice(0, 7));
      expect(store.deliveries.list({ q: '"tag":"tag-', beforeId: SEARCH_BLOCK + 3, limit: 4 }).map((d) => d.id)).toEqual([SEARCH_BLOCK + 2, SEARCH_BLOCK + 1, SEARCH_BLOCK, SEARCH_BLOCK - 1]);
      expect(store.deliveries.list({ q: '"tag":"tag-', afterId: n - 3, limit: 10 }).map((d) => d.id)).toEqual([n, n - 1, n - 2]);
    } finally {
      store.close();
    }
  });

  it('keeps a deleted delivery\'s block row for the others (counted as left behind), and rewrites the block when ids are reused', () => {
    const store = openStore(tempDbFile());
    try {
      store.deliveries.insertMany(Array.from({ length: 10 }, (_, i) => capture(`/hooks/${i}`, `{"tag":"first-${i}"}`)));
      indexAll(store);
      store.deliveries.delete([3]);
      expect(ids(store, 'first-')).toEqual([10, 9, 8, 7, 6, 5, 4, 2, 1]);
      expect(store.db.prepare('SELECT orphans FROM search_state').pluck().get()).toBe(1);
      // The newest go: SQLite reuses their ids, the mark comes down, the block is written again.
      store.deliveries.delete([9, 10]);
      expect(store.deliveries.search.indexedThrough()).toBe(8);
      store.deliveries.insertMany([capture('/hooks/again', '{"tag":"second"}')]);
      indexAll(store);
      expect(ids(store, 'first-9')).toEqual([]);
      expect(ids(store, 'second')).toEqual([9]);
      expect(indexRows(store)).toBe(1);
      expect(() => store.db.exec("INSERT INTO deliveries_search (deliveries_search) VALUES ('integrity-check')")).not.toThrow();
    } finally {
      store.close();
    }
  });

  it('indexes only whole blocks when asked (slices under traffic): the newest, partial block stays in the scanned tail', () => {
    const store = openStore(tempDbFile());
    try {
      const add = (from: number, count: number) =>
        store.deliveries.insertMany(Array.from({ length: count }, (_, i) => capture(`/hooks/${from + i}`, `{"tag":"w-${from + i}-end"}`)));
      const slice = () => store.deliveries.search.indexNext({ maxRows: SEARCH_BLOCK, wholeBlocks: true });
      add(0, SEARCH_BLOCK + 8);
      expect(slice()).toBe(SEARCH_BLOCK);
      expect(slice()).toBe(0); // the second block is not complete yet
      expect(store.deliveries.search.indexedThrough()).toBe(SEARCH_BLOCK);
      expect(ids(store, 'w-35-end')).toEqual([36]); // scanned
      add(SEARCH_BLOCK + 8, SEARCH_BLOCK);
      expect(slice()).toBe(SEARCH_BLOCK);
      expect(indexRows(store)).toBe(2);
      expect(store.deliveries.search.indexNext({ maxRows: 128 })).toBe(8); // idle: the partial block too
      expect(ids(store, 'W-71-END')).toEqual([72]);
      expect(ids(store, 'w-35-end')).toEqual([36]);
    } finally {
      store.close();
    }
  });

  it('leaves a body that is not valid UTF-8 out of the index and finds in it what LIKE finds (SQLite reads bad bytes as U+FFFD)', () => {
    const store = openStore(tempDbFile());
    try {
      store.deliveries.insertMany([
        capture('/hooks/bad', Buffer.from([0x61, 0xff, 0x62, 0x63])), // a, a lone 0xFF, b, c
        capture('/hooks/c1', Buffer.from([0x78, 0x85, 0x79, 0x7a])), // x, a lone continuation byte, y, z
        capture('/hooks/good', 'a\uFFFDbc x\u0085yz'),
      ]);
      indexAll(store);
      expect(store.db.prepare('SELECT id FROM search_unindexed').pluck().all()).toEqual([1, 2]);
      for (const q of ['A\uFFFDBC', 'x\u0085YZ', '\uFFFDb']) {
        expect(ids(store, q)).toEqual(likeScan(store, q));
        expect(ids(store, q).length).toBeGreaterThan(1);
      }
    } finally {
      store.close();
    }
  });

  it('searches a needle with a NUL by scanning, as LIKE reads it (up to the NUL)', () => {
    const store = openStore(tempDbFile());
    try {
      store.deliveries.insertMany([capture('/hooks/alpha', '{"n":1}'), capture('/hooks/beta', '{"n":2}')]);
      indexAll(store);
      expect(ids(store, 'ta\u0000xyz')).toEqual(likeScan(store, 'ta\u0000xyz'));
      expect(ids(store, 'ta\u0000xyz')).toEqual([2]);
    } finally {
      store.close();
    }
  });
});

describe('migration 17 on an existing database', () => {
  it('empties the old index and lets the indexer rebuild it in idle time; search stays exact meanwhile', () => {
    const file = tempDbFile();
    openStore(file).close();
    // Back to schema 16 as the receiver left it: migration 5's trigram index, filled (one row per
    // delivery), and migration 10's trigger that deletes a delivery's own row.
    const old = new Database(file);
    old.exec(`DROP TRIGGER deliveries_search_forget; DROP TABLE deliveries_search;
      CREATE VIRTUAL TABLE deliveries_search USING fts5(doc, tokenize = 'trigram', content = '', contentless_delete = 1, detail = none);
      CREATE TRIGGER deliveries_search_forget AFTER DELETE ON deliveries
      WHEN old.id <= (SELECT indexed_through FROM search_state) AND old.id > (SELECT forgotten_through FROM search_state)
      BEGIN
        DELETE FROM deliveries_search WHERE rowid = old.id;
      END;
      PRAGMA user_version = 16;`);
    const insert = old.prepare(`INSERT INTO deliveries (received_at, method, path, body_size, endpoint_path, verdict, verification, headers, body)
      VALUES (0, 'POST', ?, 20, NULL, 'unsigned', '{"status":"unsigned","provider":null,"reason":"r","hints":[]}', '[]', CAST(? AS BLOB))`);
    for (let i = 0; i < 100; i++) insert.run(`/old/${i}`, `{"note":"Old-${i}-x"}`);
    old.exec(`INSERT INTO deliveries_search (rowid, doc) SELECT id, path || char(10) || CAST(body AS TEXT) FROM deliveries;
      UPDATE search_state SET indexed_through = 100;`);
    old.close();

    const store = openStore(file);
    try {
      expect(store.deliveries.search.indexedThrough()).toBe(0);
      expect(indexRows(store)).toBe(0);
      expect(ids(store, 'old-42-X')).toEqual([43]); // scanned
      indexAll(store);
      expect(indexRows(store)).toBe(Math.ceil(100 / SEARCH_BLOCK));
      expect(ids(store, 'old-42-X')).toEqual([43]); // through the index
      store.deliveries.delete([50]);
      expect(store.deliveries.search.indexedThrough()).toBe(100); // the new trigger does not touch the index row
      expect(ids(store, 'old-49-x')).toEqual([]);
    } finally {
      store.close();
    }
  });
});

// WAL checkpoints run off the event loop (store/maintenance/checkpointer.ts): while the receiver runs, its own
// connection never checkpoints inside a commit, yet the WAL is still copied into the database; when
// the receiver stops, SQLite's automatic checkpoints are back.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../../electron/core/store/maintenance/checkpointer.js';
import { openStore } from '../../../electron/core/store/index.js';
import { startTestCore } from '../../support/core.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { post, sleep } from './support.js';

afterAll(removeTempDirs);

describe('WAL checkpoints while the receiver runs', () => {
  it('happen in the background, not in the receiver\'s commits, and stop with the receiver', async () => {
    const t = await startTestCore();
    const db = t.core.ctx.store.db;
    for (let i = 0; i < 50 && db.pragma('wal_autocheckpoint', { simple: true }) !== 0; i++) await sleep(20);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    const sizeBefore = fs.statSync(t.dbFile).size;
    const body = Buffer.alloc(64 * 1024, 0x61);
    for (let i = 0; i < 20; i++) expect((await post(`${t.receiver.url}/ckpt/${i}`, body)).status).toBe(200);
    // Commits land in the WAL; only a checkpoint copies pages into the database file, and the
    // receiver's own connection no longer runs any: growth of the file is the background checkpointer.
    let grown = 0;
    for (let i = 0; i < 50 && grown < 20 * body.length; i++) {
      await sleep(50);
      grown = fs.statSync(t.dbFile).size - sizeBefore;
    }
    expect(grown).toBeGreaterThanOrEqual(20 * body.length);

    await t.close();
    const after = new Database(t.dbFile);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();
  });

  it('gives the connection SQLite\'s automatic checkpoints back when the receiver closes', async () => {
    const t = await startTestCore();
    const db = t.core.ctx.store.db;
    for (let i = 0; i < 50 && db.pragma('wal_autocheckpoint', { simple: true }) !== 0; i++) await sleep(20);
    await t.receiver.close();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await t.close();
  });
});

describe('WAL truncation', () => {
  const writeBurst = (db: Database.Database, rows: number) => {
    const insert = db.prepare('INSERT INTO blobs (data) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run(Buffer.alloc(16 * 1024, i));
    })();
  };

  it('waits for a lull before truncating a WAL past the soft limit', async () => {
    const file = tempDbFile();
    const store = openStore(file);
    store.db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB)');
    // Ticks far apart next to commits every few ms: every tick sees commits since the last one.
    const checkpointer = startCheckpointer(store.db, { intervalMs: 150, truncateAboveBytes: 256 * 1024, truncateAlwaysAboveBytes: 1024 ** 3 });
    try {
      for (let i = 0; i < 50 && store.db.pragma('wal_autocheckpoint', { simple: true }) !== 0; i++) await sleep(20);
      // Busy: a commit every few ms, so the WAL is not truncated yet (its size never drops).
      let peak = 0;
      let drops = 0;
      for (let i = 0; i < 120; i++) {
        writeBurst(store.db, 4);
        const size = walSize(file);
        if (size < peak) drops++;
        peak = Math.max(peak, size);
        await sleep(2);
      }
      expect(peak).toBeGreaterThan(256 * 1024);
      expect(drops).toBe(0);
      // A lull: truncated.
      expect(await walSizeOnceEmptyOr(file, 5_000)).toBe(0);
    } finally {
      await checkpointer.stop();
      store.close();
    }
  });

  it('counts as a lull only a stretch without commits as long as lullMs, not one quiet tick (truncating holds the writers)', async () => {
    const file = tempDbFile();
    const store = openStore(file);
    store.db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB)');
    // Ticks every 20 ms and a commit every ~150 ms: most ticks see no commit, none sees lullMs without one.
    const checkpointer = startCheckpointer(store.db, { intervalMs: 20, lullMs: 3_000, truncateAboveBytes: 256 * 1024, truncateAlwaysAboveBytes: 1024 ** 3 });
    try {
      for (let i = 0; i < 50 && store.db.pragma('wal_autocheckpoint', { simple: true }) !== 0; i++) await sleep(20);
      writeBurst(store.db, 24); // past the soft limit at once
      let peak = 0;
      let drops = 0;
      for (let i = 0; i < 12; i++) {
        await sleep(150);
        writeBurst(store.db, 1);
        const size = walSize(file);
        if (size < peak) drops++;
        peak = Math.max(peak, size);
      }
      expect(peak).toBeGreaterThan(256 * 1024);
      expect(drops).toBe(0);
      // Then no commit for longer than lullMs: truncated.
      expect(await walSizeOnceEmptyOr(file, 10_000)).toBe(0);
    } finally {
      await checkpointer.stop();
      store.close();
    }
  });

  it('truncates past the hard limit even while commits keep coming', async () => {
    const file = tempDbFile();
    const store = openStore(file);
    store.db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB)');
    const checkpointer = startCheckpointer(store.db, { intervalMs: 20, truncateAboveBytes: 128 * 1024, truncateAlwaysAboveBytes: 512 * 1024 });
    try {
      for (let i = 0; i < 50 && store.db.pragma('wal_autocheckpoint', { simple: true }) !== 0; i++) await sleep(20);
      let shrank = false;
      let last = 0;
      for (let i = 0; i < 400 && !shrank; i++) {
        writeBurst(store.db, 4);
        const size = walSize(file);
        shrank = size < last;
        last = size;
        await sleep(2);
      }
      expect(shrank).toBe(true);
    } finally {
      await checkpointer.stop();
      store.close();
    }
  });
  it('restarts a WAL that keeps growing while commits keep coming, so it stops growing long before the hard limit', async () => {
    const file = tempDbFile();
    const store = openStore(file);
    store.db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB)');
    const checkpointer = startCheckpointer(store.db, { intervalMs: 20, truncateAboveBytes: 256 * 1024, truncateAlwaysAboveBytes: 1024 ** 3 });
    // A reader holding a snapshot now and then keeps PASSIVE checkpoints from finishing, as the
    // receiver's reads and the search indexer do: without a restart the WAL then only grows.
    const reader = new Database(file, { readonly: true });
    const count = reader.prepare('SELECT count(*) FROM blobs').pluck();
    try {
      for (let i = 0; i < 50 && store.db.pragma('wal_autocheckpoint', { simple: true }) !== 0; i++) await sleep(20);
      let peak = 0;
      for (let i = 0; i < 600; i++) {
        writeBurst(store.db, 4); // 64 KiB a commit: about 38 MiB in all
        if (i % 10 === 0) reader.transaction(() => count.get())();
        peak = Math.max(peak, walSize(file));
        await sleep(1);
      }
      expect(peak).toBeGreaterThan(256 * 1024);
      expect(peak).toBeLessThan(16 * 1024 * 1024);
    } finally {
      reader.close();
      await checkpointer.stop();
      store.close();
    }
  });
});

const walSize = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

/** The WAL's size once it is empty, or after `withinMs` (polled every 50 ms), whichever comes first. */
async function walSizeOnceEmptyOr(file: string, withinMs: number): Promise<number> {
  let size = walSize(file);
  for (let waited = 0; waited < withinMs && size > 0; waited += 50) {
    await sleep(50);
    size = walSize(file);
  }
  return size;
}

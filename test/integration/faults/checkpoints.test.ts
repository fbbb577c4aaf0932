// WAL checkpoints run off the event loop (receiver/checkpointer.ts): while the receiver runs, its own
// connection never checkpoints inside a commit, yet the WAL is still copied into the database; when
// the receiver stops, SQLite's automatic checkpoints are back.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestCore } from '../../support/core.js';
import { removeTempDirs } from '../../support/temp.js';
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

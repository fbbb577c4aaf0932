// The CLI of issue #15 as users and scripts run it: prune, clear, settings, backup and stats' size,
// including backup while serve is taking captures and serve applying a retention setting by itself.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { callApi, runCli as runCliOnce, startServe } from '../../support/cli.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';
import { seedDeliveries } from '../../e2e/support/seed.js';
import { post, deliveryIdOf, sleep } from '../faults/support.js';

afterAll(removeTempDirs);

// Generous: on a machine shared with other work a CLI start can take many seconds.
const runCli = (args: string[]) => runCliOnce(args, { timeoutMs: 120_000 });

const countIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM deliveries').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('hookscope prune', () => {
  it('--keep N --json prints {removed, kept, dbBytesBefore, dbBytesAfter} and the file shrinks', async () => {
    const db = tempDbFile();
    seedDeliveries(db, 5000);
    const out = await runCli(['prune', '--keep', '500', '--json', '--db', db]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout) as { removed: number; kept: number; dbBytesBefore: number; dbBytesAfter: number };
    expect(Object.keys(result).sort()).toEqual(['dbBytesAfter', 'dbBytesBefore', 'kept', 'removed']);
    expect(result).toMatchObject({ removed: 4500, kept: 500 });
    expect(result.dbBytesAfter).toBeLessThan(result.dbBytesBefore / 3);
    expect(fs.statSync(db).size).toBe(result.dbBytesAfter); // the WAL was checkpointed away
  }, 240_000);

  it('without a rule, or with a bad duration, exits 2 with one line', async () => {
    const db = tempDbFile();
    const none = await runCli(['prune', '--db', db]);
    expect(none.code).toBe(2);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toMatch(/--keep N, --older-than DURATION/);
    const bad = await runCli(['prune', '--older-than', '30', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/duration such as 30d/);
  }, 240_000);
});

describe('a database created before incremental vacuum', () => {
  it('prune says its space is only reused; prune --vacuum converts it so the file shrinks', async () => {
    const db = tempDbFile();
    const old = new Database(db);
    old.pragma('journal_mode = WAL'); // created without auto_vacuum, as earlier versions did
    old.close();
    seedDeliveries(db, 3000);
    const plain = await runCli(['prune', '--keep', '2000', '--db', db]);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toMatch(/predates incremental vacuum: .*prune --vacuum/);
    const converted = await runCli(['prune', '--keep', '100', '--vacuum', '--json', '--db', db]);
    expect(converted.code).toBe(0);
    const result = JSON.parse(converted.stdout) as { dbBytesBefore: number; dbBytesAfter: number };
    expect(result.dbBytesAfter).toBeLessThan(result.dbBytesBefore / 5);
    const check = new Database(db, { readonly: true });
    expect(check.pragma('auto_vacuum', { simple: true })).toBe(2);
    check.close();
  }, 240_000);
});

describe('hookscope clear and settings', () => {
  it('clear without --yes exits 2 with one line and removes nothing; with --yes it clears', async () => {
    const db = tempDbFile();
    seedDeliveries(db, 20);
    const refused = await runCli(['clear', '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('hookscope: clear removes every delivery for good: run it again with --yes\n');
    expect(countIn(db)).toBe(20);
    const cleared = await runCli(['clear', '--yes', '--json', '--db', db]);
    expect(cleared.code).toBe(0);
    expect(JSON.parse(cleared.stdout)).toEqual({ deleted: 20 });
    expect(countIn(db)).toBe(0);
  }, 240_000);

  it('settings set, get and list; an unknown key or a bad value exits 2 naming it', async () => {
    const db = tempDbFile();
    expect((await runCli(['settings', 'set', 'retention.keep', '100000', '--db', db])).stdout).toBe('retention.keep = 100000\n');
    expect((await runCli(['settings', 'get', 'retention.keep', '--db', db])).stdout).toBe('100000\n');
    const list = await runCli(['settings', 'list', '--json', '--db', db]);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ key: 'retention.keep', value: '100000' }),
      expect.objectContaining({ key: 'retention.maxAge', value: null }),
      expect.objectContaining({ key: 'retention.maxBytes', value: null }),
      expect.objectContaining({ key: 'tunnel.engine', value: null }),
      expect.objectContaining({ key: 'tunnel.ngrokAuthtoken', value: null }),
    ]);
    const unknown = await runCli(['settings', 'set', 'retention.forever', '1', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown setting "retention.forever"/);
    const bad = await runCli(['settings', 'set', 'retention.maxAge', 'a month', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/retention.maxAge must be a duration/);
  }, 240_000);
});

describe('while serve runs', () => {
  it('serve applies a retention setting by itself, and stats --json shows the count and size', async () => {
    const db = tempDbFile();
    seedDeliveries(db, 3000);
    const serve = await startServe(db);
    try {
      await callApi(serve, 'settings.set', { key: 'retention.keep', value: '400' });
      let stats = { deliveries: -1, dbBytes: 0 };
      for (let i = 0; i < 100 && stats.deliveries !== 400; i++) {
        await sleep(100);
        stats = await callApi(serve, 'stats.get');
      }
      expect(stats.deliveries).toBe(400);
      const cli = await runCli(['stats', '--json', '--db', db]);
      expect(JSON.parse(cli.stdout)).toMatchObject({ deliveries: 400, dbBytes: expect.any(Number) });
    } finally {
      await serve.stop();
    }
  }, 240_000);

  it('backup writes a consistent 0600 copy holding every capture acknowledged before it, while captures keep arriving', async () => {
    const db = tempDbFile();
    seedDeliveries(db, 2000);
    const serve = await startServe(db);
    const target = path.join(tempDir(), 'copy.db');
    try {
      const before = await post(`${serve.receiverUrl}/hooks/before`, '{"acknowledged":"before the backup"}');
      expect(before.status).toBe(200);
      let sending = true;
      const during: number[] = [];
      const load = (async () => {
        while (sending) during.push((await post(`${serve.receiverUrl}/hooks/during`, Buffer.alloc(4096, 0x61))).status);
      })();
      const out = await runCli(['backup', target, '--db', db]);
      sending = false;
      await load;
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      expect(during.length).toBeGreaterThan(0);
      expect(during.every((s) => s === 200)).toBe(true);
      expect(fs.statSync(target).mode & 0o777).toBe(0o600);
      expect(fs.existsSync(`${target}-wal`)).toBe(false);
      const copy = new Database(target, { readonly: true });
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        const id = deliveryIdOf(before);
        const inCopy = copy.prepare('SELECT body FROM deliveries WHERE id = ? UNION ALL SELECT body FROM capture_log WHERE id = ?').pluck().get(id, id) as Buffer;
        expect(inCopy.toString()).toBe('{"acknowledged":"before the backup"}');
        expect(copy.prepare('SELECT count(*) FROM deliveries').pluck().get()).toBeGreaterThanOrEqual(2000);
      } finally {
        copy.close();
      }
    } finally {
      await serve.stop();
    }
  }, 240_000);

  it('backup onto the database itself, or into a missing folder, exits 2', async () => {
    const db = tempDbFile();
    seedDeliveries(db, 1);
    expect((await runCli(['backup', db, '--db', db])).code).toBe(2);
    const missing = await runCli(['backup', path.join(tempDir(), 'nope', 'x.db'), '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/does not exist/);
  }, 240_000);
});

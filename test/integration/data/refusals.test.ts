// Databases this version must refuse (issue 15): one from a newer Hookscope is refused with one clear
// line and left exactly as it was (bytes, mode, time, no WAL or key file beside it); a corrupt one is
// refused with one line naming the file, never a stack trace, exit 1.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../electron/core/store/migrations.js';
import { runCli } from '../../support/cli.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';

const ENV = { HOOKSCOPE_KEYRING: 'off' };
afterEach(removeTempDirs);

function snapshot(dir: string) {
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => {
      const st = fs.statSync(path.join(dir, f));
      return { f, mode: st.mode, mtimeMs: st.mtimeMs, bytes: fs.readFileSync(path.join(dir, f)).toString('base64') };
    });
}

function expectOneLine(stderr: string) {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('databases that are refused', { timeout: 60_000 }, () => {
  it('refuses a database written by a newer Hookscope in one line, and does not touch it', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'future.db');
    const future = new Database(db);
    future.exec('CREATE TABLE from_the_future (x); INSERT INTO from_the_future VALUES (1)');
    future.pragma('user_version = 999');
    future.close();
    fs.chmodSync(db, 0o644);
    const before = snapshot(dir);

    for (const args of [['deliveries'], ['endpoints', 'add', '/x', '--secret', 'abc'], ['serve', '--receiver-port', '0', '--ui-port', '0']]) {
      const out = await runCli([...args, '--db', db], { env: ENV });
      expect(out.code).toBe(1);
      expect(out.stderr).toBe(`hookscope: ${db} was written by a newer Hookscope (schema 999, this version knows ${SCHEMA_VERSION}): upgrade Hookscope or use another --db; the file was not changed\n`);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a file that is not a database in one line naming it, and leaves it as it was', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'garbage.db');
    fs.writeFileSync(db, Buffer.alloc(64 * 1024, 0x5a));
    const before = snapshot(dir);
    const out = await runCli(['stats', '--db', db], { env: ENV });
    expect(out.code).toBe(1);
    expectOneLine(out.stderr);
    expect(out.stderr).toContain(`hookscope: ${db} is not a Hookscope database or is damaged`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a database whose pages are damaged, naming the file, when a command reads them', async () => {
    const db = tempDbFile();
    const seed = new Database(db);
    seed.close();
    expect((await runCli(['endpoints', 'add', '/hooks/a', '--db', db], { env: ENV })).code).toBe(0);
    const filler = new Database(db);
    const insert = filler.prepare(`INSERT INTO deliveries (received_at, method, path, body_size, verdict, verification, headers, body)
      VALUES (0, 'POST', '/hooks/a', 4000, 'unsigned', '{"status":"unsigned","provider":null,"reason":"r","hints":[]}', '[]', randomblob(4000))`);
    for (let i = 0; i < 200; i++) insert.run();
    filler.pragma('wal_checkpoint(TRUNCATE)');
    filler.close();
    const bytes = fs.readFileSync(db);
    bytes.fill(0xa5, bytes.length - 400 * 1024, bytes.length - 8192); // the deliveries' pages, not the schema's
    fs.writeFileSync(db, bytes);

    const out = await runCli(['deliveries', '--db', db], { env: ENV });
    expect(out.code).toBe(1);
    expectOneLine(out.stderr);
    expect(out.stderr).toContain(`hookscope: ${db} is not a Hookscope database or is damaged`);
  });
});

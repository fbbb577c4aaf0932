// A database this account cannot write (issue 15). SQLite opens such a file read-only without a word,
// so `serve` used to start, print its URLs and answer every webhook 503 until restarted. Now it refuses
// to start in one line saying why; and every 503 for a capture that cannot be stored carries
// Retry-After. The file is made unwritable for real: as root (where modes do not stop writes) serve
// runs as `nobody` on a root-owned 0644 file; otherwise the file is made 0444.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../support/cli.js';
import { startTestCore } from '../../support/core.js';
import { removeTempDirs, tempDir } from '../../support/temp.js';
import { deliveryIdOf, post, sleep } from './support.js';

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
const ENV = { ...process.env, HOOKSCOPE_KEYRING: 'off' };

afterAll(removeTempDirs);

/** `hookscope serve` as the account that cannot write the file; resolves when it exits or prints its URLs. */
function serveAs(db: string, uid: number | undefined): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'electron/server/cli.ts'), 'serve', '--db', db, '--receiver-port', '0', '--ui-port', '0', '--json'],
      { cwd: ROOT, env: { ...ENV, HOME: path.dirname(db) }, ...(uid === undefined ? {} : { uid, gid: uid }) },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes('\n')) child.kill('SIGTERM'); // it started
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The body stored under a capture's id, filed or still in the capture log. */
function storedBody(t: Awaited<ReturnType<typeof startTestCore>>, id: number): string {
  const body = t.core.ctx.store.db.prepare('SELECT body FROM deliveries WHERE id = ? UNION ALL SELECT body FROM capture_log WHERE id = ?').pluck().get(id, id);
  return String(body);
}

describe('a database this account cannot write', { timeout: 120_000 }, () => {
  it.skipIf(process.platform === 'win32')('serve refuses to start in one line naming the file, and starts once it is writable', async () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o777);
    const db = path.join(dir, 'hookscope.db');
    expect((await runCli(['endpoints', 'add', '/hooks/a', '--db', db], { env: ENV })).code).toBe(0);
    fs.chmodSync(db, asRoot ? 0o644 : 0o444); // root's file, readable by all: as a database created earlier by root

    const refused = await serveAs(db, asRoot ? NOBODY : undefined);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    const lines = refused.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(new RegExp(`^hookscope: cannot capture into ${db}: this account cannot write it.*: fix its permissions or its folder's, or use another --db$`));
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    if (asRoot) for (const f of fs.readdirSync(dir)) fs.chownSync(path.join(dir, f), NOBODY, NOBODY);
    else fs.chmodSync(db, 0o600);
    const started = await serveAs(db, asRoot ? NOBODY : undefined);
    expect(started.stdout).toContain('"receiverUrl"');
  });

  it('answers a capture it cannot store with 503 and Retry-After, and says so in the terminal', async () => {
    const t = await startTestCore();
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    try {
      t.core.ctx.store.db.pragma('query_only = 1'); // the connection can no longer write
      const refused = await post(`${t.receiver.url}/hooks/ro`, '{"a":1}');
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('30');
      expect(errors.join('\n')).toMatch(/refusing captures with 503 \(they cannot be stored\): .*read-only/);
    } finally {
      console.error = original;
      t.core.ctx.store.db.pragma('query_only = 0');
      await t.close();
    }
  });

  // A running serve whose database stops taking writes. Modes cannot do that to a running process
  // (its descriptors stay writable after a chmod, and root ignores modes anyway), so the connection is
  // made query-only: SQLite then refuses every write with SQLITE_READONLY, as it does for a file
  // system remounted read-only or a file replaced under the connection.
  it('says once and loudly that the database cannot be written (stderr, stats, an event), and captures again by itself once it can', async () => {
    const t = await startTestCore();
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    const changes: Array<{ writable: boolean; reason: string | null }> = [];
    t.core.ctx.events.on('storage.changed', (state) => changes.push(state));
    const storage = async () => ((await t.core.dispatch('stats.get', {})) as { storage?: { writable: boolean; reason: string | null } }).storage;
    try {
      expect(await storage()).toMatchObject({ writable: true, reason: null });
      t.core.ctx.store.db.pragma('query_only = 1');
      for (const n of [1, 2, 3]) {
        const refused = await post(`${t.receiver.url}/hooks/ro`, `{"refused":${n}}`);
        expect(refused.status).toBe(503);
        expect(refused.headers['retry-after']).toBe('30');
      }
      const loud = errors.filter((line) => line.includes('cannot be written'));
      expect(loud).toHaveLength(1); // once, not once per webhook
      expect(loud[0]).toMatch(new RegExp(`^hookscope: ${t.dbFile} cannot be written \\(.*read-only.*\\): every webhook is answered 503 with Retry-After until it can`));
      expect(await storage()).toMatchObject({ writable: false, reason: expect.stringMatching(/read-only/) });
      expect(changes).toEqual([expect.objectContaining({ writable: false })]);

      t.core.ctx.store.db.pragma('query_only = 0'); // writable again: no webhook needed to notice
      for (let waited = 0; (await storage())?.writable !== true && waited < 30_000; waited += 100) await sleep(100);
      expect(await storage()).toMatchObject({ writable: true, reason: null });
      expect(changes.map((c) => c.writable)).toEqual([false, true]);
      expect(errors.filter((line) => line.includes('is writable again'))).toHaveLength(1);

      const stored = await post(`${t.receiver.url}/hooks/ro`, '{"after":1}');
      expect(stored.status).toBe(200);
      expect(storedBody(t, deliveryIdOf(stored))).toBe('{"after":1}');
    } finally {
      console.error = original;
      t.core.ctx.store.db.pragma('query_only = 0');
      await t.close();
    }
  });

  it('stores the first webhook that arrives once the database is writable again, before any probe', async () => {
    const t = await startTestCore();
    const original = console.error;
    console.error = () => {};
    try {
      t.core.ctx.store.db.pragma('query_only = 1');
      expect((await post(`${t.receiver.url}/hooks/ro`, '{"refused":1}')).status).toBe(503);
      t.core.ctx.store.db.pragma('query_only = 0');
      const stored = await post(`${t.receiver.url}/hooks/ro`, '{"at once":1}');
      expect(stored.status).toBe(200);
      expect(t.core.ctx.store.writeHealth.current.writable).toBe(true);
      expect(storedBody(t, deliveryIdOf(stored))).toBe('{"at once":1}');
    } finally {
      console.error = original;
      await t.close();
    }
  });
});

// Secrets at rest (issue 15): endpoint secrets (current and previous) and mock sends' signing secrets
// are sealed in the database, found by no grep of its files; listings mask them unless asked; a
// database moved without its key opens, keeps every delivery, and says its secrets must be entered again.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/core.js';
import { migrateTo } from '../../../electron/core/store/migrations.js';
import { openStore } from '../../../electron/core/store/index.js';
import type { Endpoint } from '../../../shared/domain.js';
import { callApi, runCli, startServe } from '../../support/cli.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';

const ENV = { HOOKSCOPE_KEYRING: 'off' };
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa1b2';
const PREVIOUS = 'previous-secret-kept-for-rotation-77';
const cli = (...args: string[]) => runCli(args, { env: ENV });

/** What `grep -c SECRET hookscope.db*` would find: the files holding the text, and how often. */
function grepDbFiles(dbFile: string, needle: string): string[] {
  const dir = path.dirname(dbFile);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(path.basename(dbFile)))
    .filter((f) => fs.readFileSync(path.join(dir, f)).includes(needle))
    .map((f) => path.join(dir, f));
}

const agileSignature = (body: string, secret: string) => crypto.createHmac('sha256', secret).update(body).digest('hex');

// The key file is the path under test (a desktop's keyring would otherwise hold the key).
process.env.HOOKSCOPE_KEYRING = 'off';
afterEach(removeTempDirs);

describe('secrets at rest', { timeout: 120_000 }, () => {
  it('seals endpoint secrets: neither the database nor its WAL holds them, while the core still verifies with them', async () => {
    const dbFile = tempDbFile();
    const core = openCore({ dbFile });
    try {
      await core.dispatch('endpoints.create', { path: '/hooks/a', provider: 'agiletune', secret: SECRET, previousSecrets: [PREVIOUS] });
      await core.dispatch('endpoints.update', { id: 1, patch: { response: { status: 202 } } });
      expect(fs.existsSync(`${dbFile}-wal`)).toBe(true);
      expect(grepDbFiles(dbFile, SECRET)).toEqual([]);
      expect(grepDbFiles(dbFile, PREVIOUS)).toEqual([]);
      const [endpoint] = ((await core.dispatch('endpoints.list', { showSecrets: true })) as { items: Endpoint[] }).items;
      expect(endpoint).toMatchObject({ secret: SECRET, previousSecrets: [PREVIOUS] });
    } finally {
      await core.close();
    }
    expect(grepDbFiles(dbFile, SECRET)).toEqual([]);
  });

  it('lists secrets masked, in text and JSON, and in full only with --show-secrets', async () => {
    const db = tempDbFile();
    expect((await cli('endpoints', 'add', '/hooks/sw', '--provider', 'standard-webhooks', '--secret', SECRET, '--previous-secret', PREVIOUS, '--db', db)).code).toBe(0);
    const text = await cli('endpoints', 'list', '--db', db);
    expect(text.stdout).toContain('whsec_…a1b2');
    expect(text.stdout).not.toContain(SECRET);
    const json = JSON.parse((await cli('endpoints', 'list', '--json', '--db', db)).stdout) as Endpoint[];
    expect(json[0]).toMatchObject({ secret: 'whsec_…a1b2', previousSecrets: ['…n-77'] });
    const shown = await cli('endpoints', 'list', '--show-secrets', '--db', db);
    expect(shown.stdout).toContain(SECRET);
    const shownJson = JSON.parse((await cli('endpoints', 'list', '--json', '--show-secrets', '--db', db)).stdout) as Endpoint[];
    expect(shownJson[0]).toMatchObject({ secret: SECRET, previousSecrets: [PREVIOUS] });
    const added = await cli('endpoints', 'add', '/hooks/two', '--secret', `${SECRET}-two`, '--json', '--db', db);
    expect(added.stdout).not.toContain(SECRET);
  });

  it('stats --json says how secrets are protected: a 0600 key file beside the database when no keyring answers', async () => {
    const db = tempDbFile();
    await cli('endpoints', 'add', '/hooks/a', '--secret', SECRET, '--db', db);
    const stats = JSON.parse((await cli('stats', '--json', '--db', db)).stdout) as { secrets: unknown };
    expect(stats.secrets).toEqual({ protection: 'key-file', unreadable: [] });
    const keyFile = path.join(path.dirname(db), 'hookscope.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);
  });

  it('seals the signing secret of a mock send, which the sender still signs with', async () => {
    const db = tempDbFile();
    const seen: string[] = [];
    const handler = http.createServer((req, res) => {
      seen.push(String(req.headers['x-agiletune-signature']));
      res.end('ok');
    });
    await new Promise<void>((r) => handler.listen(0, '127.0.0.1', r));
    try {
      const to = `http://127.0.0.1:${(handler.address() as AddressInfo).port}/hook`;
      const sent = await cli('send', '--provider', 'agiletune', '--event', 'task.created', '--to', to, '--secret', SECRET, '--virtual', '--db', db);
      expect(sent.code).toBe(0);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatch(/^[0-9a-f]{64}$/);
      expect(grepDbFiles(db, SECRET)).toEqual([]);
    } finally {
      handler.close();
    }
  });

  it('seals in place the plain-text secrets of a database from before encryption, leaving no trace of them', () => {
    const file = tempDbFile();
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrateTo(old, 7);
    old.prepare("INSERT INTO endpoints (path, provider, secret, previous_secrets, created_at) VALUES ('/old', 'agiletune', ?, ?, 0)").run(SECRET, JSON.stringify([PREVIOUS]));
    old.prepare(`INSERT INTO sends (batch_id, seq, created_at, provider, event, target, status, clock, origin_at, secret, plan, spec, body)
      VALUES (1, 0, 0, 'agiletune', 'task.created', 'http://127.0.0.1:9/', 'delivered', 'virtual', 0, ?, '{}', '{}', x'7b7d')`).run(`${SECRET}-send`);
    old.close();
    expect(grepDbFiles(file, SECRET)).toEqual([file]); // what the migration has to remove

    const store = openStore(file, {});
    try {
      expect(store.endpoints.byPath('/old')).toMatchObject({ secret: SECRET, previousSecrets: [PREVIOUS] });
      expect(grepDbFiles(file, SECRET)).toEqual([]);
      expect(grepDbFiles(file, PREVIOUS)).toEqual([]);
    } finally {
      store.close();
    }
    expect(grepDbFiles(file, SECRET)).toEqual([]);
  });

  it('opens a database moved without its key: deliveries kept, secrets to enter again, verdicts say why', async () => {
    const home = tempDbFile();
    await cli('endpoints', 'add', '/hooks/at', '--provider', 'agiletune', '--secret', SECRET, '--db', home);
    const body = '{"event":"task.created"}';
    const headers = { 'X-AgileTune-Signature': agileSignature(body, SECRET) };
    const serve = await startServe(home);
    try {
      const res = await fetch(`${serve.receiverUrl}/hooks/at`, { method: 'POST', headers, body });
      expect(res.status).toBe(200);
      const [valid] = (await callApi<{ items: Array<{ verification: { status: string } }> }>(serve, 'deliveries.list', {})).items;
      expect(valid!.verification.status).toBe('valid');
    } finally {
      await serve.stop();
    }

    const moved = path.join(tempDir(), 'moved.db'); // another machine: the database alone, no key beside it
    fs.copyFileSync(home, moved);
    const list = await cli('endpoints', 'list', '--db', moved);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('(enter again)');
    expect(list.stderr).toContain('the secret of /hooks/at is sealed with a key this machine does not have');
    const stats = JSON.parse((await cli('stats', '--json', '--db', moved)).stdout) as { deliveries: number; secrets: unknown };
    expect(stats).toMatchObject({ deliveries: 1, secrets: { protection: 'key-file', unreadable: ['/hooks/at'] } });

    const there = await startServe(moved);
    try {
      const res = await fetch(`${there.receiverUrl}/hooks/at`, { method: 'POST', headers, body });
      expect(res.status).toBe(200);
      const items = (await callApi<{ items: Array<{ verification: { status: string; reason: string } }> }>(there, 'deliveries.list', {})).items;
      expect(items).toHaveLength(2);
      expect(items[0]!.verification.status).toBe('no-secret');
      expect(items[0]!.verification.reason).toContain('sealed with a key this machine does not have');
      // Entering the secret again brings the verdicts back.
      await callApi(there, 'endpoints.update', { id: 1, patch: { secret: SECRET } });
      expect(await callApi(there, 'deliveries.verify', { id: 2 })).toMatchObject({ status: 'valid' });
    } finally {
      await there.stop();
    }
    const after = await cli('endpoints', 'list', '--db', moved);
    expect(after.stderr).toBe('');
    expect(after.stdout).toContain('whsec_…a1b2');
  });

  it('never prints a secret in serve\'s output or in an error message', async () => {
    const db = tempDbFile();
    await cli('endpoints', 'add', '/hooks/at', '--provider', 'agiletune', '--secret', SECRET, '--db', db);
    const serve = await startServe(db);
    let stderr = '';
    serve.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      await fetch(`${serve.receiverUrl}/hooks/at`, { method: 'POST', headers: { 'X-AgileTune-Signature': 'f'.repeat(64) }, body: '{}' });
      const refused = await fetch(`${serve.apiUrl}/api/call/endpoints.create`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ path: '/hooks/at', secret: SECRET }),
      });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(await refused.text()).not.toContain(SECRET);
      const replay = await cli('replay', '1', '--to', 'http://127.0.0.1:9/', '--resign', '--db', db);
      expect(replay.stdout + replay.stderr).not.toContain(SECRET);
    } finally {
      await serve.stop();
    }
    expect(stderr).not.toContain(SECRET);
  });
});

// Pruning against faults: a receiver under load while a prune runs in another process, and a prune
// killed with SIGKILL half-way. Retention never costs an acknowledged capture that it keeps, never
// makes the receiver answer 503, and a killed prune leaves a consistent database.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { callApi, ROOT, runCli, startServe } from '../../support/cli.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { seedDeliveries } from '../../e2e/support/seed.js';
import { deliveryIdOf, isAlive, post, sleep } from './support.js';

afterAll(removeTempDirs);

describe('pruning while the receiver is under load', () => {
  it('answers every capture 200 and keeps every acknowledged one, with its bytes', async () => {
    const db = tempDbFile();
    seedDeliveries(db, 20_000);
    const serve = await startServe(db, ['--quiet']);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const acknowledged = new Map<number, string>();
    const statuses: number[] = [];
    let sending = true;
    const client = async (n: number) => {
      for (let i = 0; sending; i++) {
        const body = `{"client":${n},"i":${i}}`;
        const reply = await post(`${serve.receiverUrl}/hooks/load/${n}`, body, { agent });
        statuses.push(reply.status);
        if (reply.status === 200) acknowledged.set(deliveryIdOf(reply), body);
      }
    };
    try {
      const clients = Array.from({ length: 8 }, (_, n) => client(n));
      // Keeps more than the load can add: every capture acknowledged during the prune is one it keeps.
      const pruned = await runCli(['prune', '--keep', '5000', '--json', '--db', db], { timeoutMs: 120_000 });
      sending = false;
      await Promise.all(clients);
      expect(pruned.stderr).toBe('');
      expect(pruned.code).toBe(0);
      // Captures filed before the prune counted are counted too: it removes at least the 15,000 seeded…
      const result = JSON.parse(pruned.stdout) as { removed: number; kept: number };
      expect(result.removed).toBeGreaterThanOrEqual(15_000);
      expect(result.kept).toBeGreaterThanOrEqual(5000);
      // …and fewer captures than it keeps arrived, so every acknowledged one is among those it keeps.
      expect(acknowledged.size).toBeLessThan(5000);
      expect(statuses.length).toBeGreaterThan(50);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      const check = new Database(db, { readonly: true });
      try {
        const bodyOf = check.prepare('SELECT body FROM deliveries WHERE id = ? UNION ALL SELECT body FROM capture_log WHERE id = ?').pluck();
        for (const [id, body] of acknowledged) expect(String(bodyOf.get(id, id)), `capture ${id}`).toBe(body);
      } finally {
        check.close();
      }
    } finally {
      agent.destroy();
      await serve.stop();
    }
  }, 180_000);
});

describe('serve\'s background retention while the receiver is under load', () => {
  it('brings the count down to the setting in slices, answering every capture 200 and keeping each acknowledged one', async () => {
    const db = tempDbFile();
    // Keeps 10,000 of 25,000: paced slices (retention.ts) take a few seconds more than the load needs to
    // add 5,000 captures on a fast machine, and every acknowledged capture must be one the setting keeps.
    seedDeliveries(db, 25_000);
    const serve = await startServe(db, ['--quiet']);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const acknowledged = new Map<number, string>();
    const statuses: number[] = [];
    let sending = true;
    const client = async (n: number) => {
      for (let i = 0; sending; i++) {
        const body = `{"client":${n},"i":${i}}`;
        const reply = await post(`${serve.receiverUrl}/hooks/load/${n}`, body, { agent });
        statuses.push(reply.status);
        if (reply.status === 200) acknowledged.set(deliveryIdOf(reply), body);
      }
    };
    try {
      const clients = Array.from({ length: 8 }, (_, n) => client(n));
      await sleep(300);
      await callApi(serve, 'settings.set', { key: 'retention.keep', value: '10000' });
      let count = 25_000;
      for (let i = 0; i < 1200 && count > 10_000 + acknowledged.size; i++) {
        await sleep(100);
        count = (await callApi<{ deliveries: number }>(serve, 'stats.get')).deliveries;
      }
      sending = false;
      await Promise.all(clients);
      expect(count).toBeLessThanOrEqual(10_000 + acknowledged.size);
      expect(acknowledged.size).toBeLessThan(10_000); // so every acknowledged capture is one the setting keeps
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      const check = new Database(db, { readonly: true });
      try {
        const bodyOf = check.prepare('SELECT body FROM deliveries WHERE id = ? UNION ALL SELECT body FROM capture_log WHERE id = ?').pluck();
        for (const [id, body] of acknowledged) expect(String(bodyOf.get(id, id)), `capture ${id}`).toBe(body);
      } finally {
        check.close();
      }
    } finally {
      agent.destroy();
      await serve.stop();
    }
  }, 240_000);
});

const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const CLI = path.join(ROOT, 'electron/server/cli.ts');

/** Pid of the node process tsx runs the CLI in (its only child), once it exists. */
async function cliPid(wrapper: number): Promise<number> {
  for (let i = 0; i < 500; i++) {
    try {
      const children = fs.readFileSync(`/proc/${wrapper}/task/${wrapper}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      if (children.length === 1) return Number(children[0]);
    } catch {
      // not started yet
    }
    await sleep(20);
  }
  throw new Error('the CLI process did not start');
}

describe('a prune killed with SIGKILL half-way', () => {
  it('leaves a consistent database that the next prune finishes', async () => {
    const db = tempDbFile();
    seedDeliveries(db, 30_000);
    const newest = (() => {
      const d = new Database(db, { readonly: true });
      const ids = d.prepare('SELECT id FROM deliveries ORDER BY id DESC LIMIT 100').pluck().all() as number[];
      d.close();
      return ids;
    })();
    const wrapper = spawn(process.execPath, [TSX, CLI, 'prune', '--keep', '100', '--db', db], { cwd: ROOT, stdio: 'ignore' });
    const pid = await cliPid(wrapper.pid!);
    const watch = new Database(db, { readonly: true });
    let seen = 30_000;
    try {
      const count = watch.prepare('SELECT count(*) FROM deliveries').pluck();
      for (let i = 0; i < 3000 && seen > 25_000; i++) {
        await sleep(10);
        seen = count.get() as number;
      }
    } finally {
      watch.close();
    }
    expect(seen).toBeLessThanOrEqual(25_000); // it was pruning…
    expect(seen).toBeGreaterThan(100); // …and not finished when killed
    process.kill(pid, 'SIGKILL');
    wrapper.kill('SIGKILL');
    for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(20);

    const after = new Database(db);
    try {
      expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(after.pragma('foreign_key_check')).toEqual([]);
      const left = after.prepare('SELECT count(*) FROM deliveries').pluck().get() as number;
      expect(left).toBeLessThanOrEqual(seen);
      expect(left).toBeGreaterThan(100);
      // Oldest first, whole slices: what is left is one run of the newest ids, each row whole.
      const ids = after.prepare('SELECT id FROM deliveries ORDER BY id').pluck().all() as number[];
      expect(ids.at(-1)! - ids[0]! + 1).toBe(ids.length);
      expect(after.prepare('SELECT count(*) FROM deliveries WHERE length(body) = body_size').pluck().get()).toBe(left);
    } finally {
      after.close();
    }
    const finished = await runCli(['prune', '--keep', '100', '--json', '--db', db], { timeoutMs: 120_000 });
    expect(finished.code).toBe(0);
    expect(JSON.parse(finished.stdout)).toMatchObject({ kept: 100 });
    const done = new Database(db, { readonly: true });
    expect(done.prepare('SELECT id FROM deliveries ORDER BY id DESC').pluck().all()).toEqual(newest);
    done.close();
  }, 180_000);
});

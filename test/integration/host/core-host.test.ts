// The core host process (issue #17) under plain Node: a forked child speaking the host protocol, as the
// desktop app's utilityProcess does. A host killed with SIGKILL in the middle of a burst loses nothing
// it acknowledged; the supervisor tells the window, restarts it, and gives up on a host that keeps dying.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { HostStatus } from '../../../shared/api/host.js';
import { HostClient, HostStartError, type HostProcess } from '../../../electron/host/host-client.js';
import { forkNodeHost } from '../../../electron/host/node-process.js';
import { HostSupervisor } from '../../../electron/host/supervisor.js';
import { spawnTestHost, startTestHost } from '../../support/host.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';

const BURST = 400;
const CONCURRENCY = 16;
const KILL_AFTER_ACKNOWLEDGED = 120;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});
afterAll(removeTempDirs);

/** Paths of every delivery stored, oldest to newest (one page is enough for the burst). */
async function storedPaths(client: HostClient): Promise<Set<string>> {
  const { items } = (await client.dispatch('deliveries.list', { limit: 1000 })) as { items: Array<{ path: string }> };
  return new Set(items.map((d) => d.path));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function endForGood(pid: number): void {
  for (const signal of ['SIGCONT', 'SIGKILL'] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

describe('the core host process', () => {
  it('keeps every capture it acknowledged when it is killed with SIGKILL mid-burst', async () => {
    const first = await startTestHost();
    const pid = first.client.process.pid!;
    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;
    const sender = async () => {
      while (next < BURST) {
        const url = `${first.ready.receiverUrl}/burst/${next++}`;
        try {
          const res = await fetch(url, { method: 'POST', body: JSON.stringify({ n: next, pad: 'x'.repeat(512) }) });
          await res.arrayBuffer();
          if (res.ok) acknowledged.push(new URL(url).pathname);
        } catch {
          // Refused or reset by the killed host: not acknowledged, so not promised.
        }
        if (!killed && acknowledged.length >= KILL_AFTER_ACKNOWLEDGED) {
          killed = true;
          process.kill(pid, 'SIGKILL');
        }
      }
    };
    const exited = new Promise<number | null>((resolve) => first.client.onExit(resolve));
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    expect(await exited).toBeNull(); // killed by the signal, not a clean exit
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);
    expect(acknowledged.length).toBeLessThan(BURST); // the kill did land mid-burst

    const second = await startTestHost({ dbFile: first.dbFile });
    cleanups.push(second.close);
    const stored = await storedPaths(second.client);
    expect(acknowledged.filter((p) => !stored.has(p))).toEqual([]);
  }, 60_000);

  it('answers a malformed call with bad-input instead of acting on it', async () => {
    const host = await startTestHost();
    cleanups.push(host.close);
    const answers: unknown[] = [];
    host.client.process.channel.onMessage((m) => answers.push(m));
    host.client.process.channel.post({ type: 'call', id: 99_001, method: 42, input: {} });
    await expect.poll(() => answers.find((a) => (a as { id?: number }).id === 99_001)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    await expect(host.client.dispatch('endpoints.create', { path: '/x', sql: 'DROP TABLE deliveries' })).rejects.toMatchObject({ code: 'bad-input' });
  });

  it('says why when it cannot start, and exits', async () => {
    const notADatabase = tempDir(); // a folder where the database file should be
    const proc = spawnTestHost();
    const exited = new Promise<number | null>((resolve) => proc.onExit(resolve));
    const err = await HostClient.start(proc, { dbFile: notADatabase, receiverPort: 0 }).then(() => null, (e: unknown) => e as Error);
    expect(err).toBeInstanceOf(HostStartError);
    expect(err?.message).toContain(notADatabase); // the host's own reason, naming the file, not only that it exited
    expect(await exited).not.toBe(0);
  });

  // Ctrl-C in the terminal that ran `npm start` reaches every process of its group, the host too; the
  // app then asks the host to flush and close. A host that died of the SIGINT first would skip that.
  it('outlives a SIGINT meant for the whole terminal, and still closes cleanly when asked', async () => {
    const host = await startTestHost();
    const exited = new Promise<number | null>((resolve) => host.client.onExit(resolve));
    process.kill(host.client.process.pid!, 'SIGINT');
    await expect(host.client.dispatch('stats.get', {})).resolves.toBeTruthy();
    await host.close();
    expect(await exited).toBe(0);
  });

  // The other side of the heartbeat: a host whose event loop is held up for less than the bound (a
  // long synchronous step) answers again and is left alone.
  it.skipIf(process.platform === 'win32')('leaves alone a host that stops answering for less than the heartbeat bound', async () => {
    const host = await startTestHost({}, { heartbeat: { intervalMs: 100, hungAfterMs: 3_000 } });
    cleanups.push(host.close);
    const pid = host.client.process.pid!;
    cleanups.push(async () => endForGood(pid));
    process.kill(pid, 'SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    process.kill(pid, 'SIGCONT');
    await expect(host.client.dispatch('stats.get', {})).resolves.toMatchObject({ deliveries: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // past where the silence would have added up
    expect(host.client.running).toBe(true);
  });

  it('flushes and closes on shutdown: the database is left without its write-ahead log', async () => {
    const host = await startTestHost();
    await fetch(`${host.ready.receiverUrl}/hooks/before-close`, { method: 'POST', body: '{}' });
    await host.close();
    expect(host.client.running).toBe(false);
    expect(fs.existsSync(`${host.dbFile}-wal`)).toBe(false);
  });
});

describe('the host supervisor', () => {
  it('tells the window when the host dies, restarts it on the same receiver URL, and serves calls again', async () => {
    const statuses: HostStatus[] = [];
    const supervisor = new HostSupervisor({ spawn: spawnTestHost, start: { dbFile: tempDbFile(), receiverPort: 0 }, backoffMs: () => 50 });
    supervisor.onEvent((name, payload) => name === 'host.status' && statuses.push(payload as HostStatus));
    cleanups.push(() => supervisor.close());
    const ready = await supervisor.start();
    await fetch(`${ready.receiverUrl}/hooks/one`, { method: 'POST', body: '{}' });

    supervisor.currentProcess!.kill();
    await expect.poll(() => statuses.at(-1)?.state).toBe('restarting');
    await expect(supervisor.dispatch('stats.get', {})).rejects.toMatchObject({ code: 'unavailable' });
    expect(statuses.at(-1)?.message).toMatch(/stopped unexpectedly.*restarting/i);

    await expect.poll(() => statuses.at(-1)?.state, { timeout: 15_000 }).toBe('running');
    expect(supervisor.ready?.receiverUrl).toBe(ready.receiverUrl);
    const res = await fetch(`${ready.receiverUrl}/hooks/two`, { method: 'POST', body: '{}' });
    expect(res.ok).toBe(true);
    const { items } = (await supervisor.dispatch('deliveries.list', {})) as { items: Array<{ path: string }> };
    expect(items.map((d) => d.path).sort()).toEqual(['/hooks/one', '/hooks/two']);
  }, 30_000);

  it('leaves no host running when the app quits while one is still starting', async () => {
    const spawned: HostProcess[] = [];
    const supervisor = new HostSupervisor({ spawn: () => spawned[spawned.push(spawnTestHost()) - 1]!, start: { dbFile: tempDbFile(), receiverPort: 0 } });
    const starting = supervisor.start();
    await supervisor.close();
    await starting;
    expect(spawned).toHaveLength(1);
    expect(await new Promise((resolve) => spawned[0]!.onExit(resolve))).toBe(0); // closed cleanly, not killed
    expect(supervisor.currentProcess).toBeNull();
  });

  it('waits, when the app quits during a restart, for the restarted host to come up and close cleanly', async () => {
    const exits: Array<number | null | 'running'> = [];
    let restartSpawned!: () => void;
    const restarting = new Promise<void>((resolve) => (restartSpawned = resolve));
    const supervisor = new HostSupervisor({
      spawn: () => {
        const proc = spawnTestHost();
        const n = exits.push('running') - 1;
        proc.onExit((code) => (exits[n] = code));
        if (n === 1) restartSpawned();
        return proc;
      },
      start: { dbFile: tempDbFile(), receiverPort: 0 },
      backoffMs: () => 0,
    });
    await supervisor.start();
    supervisor.currentProcess!.kill();
    await restarting; // the app quits while the second host is still opening the database
    await supervisor.close();
    expect(exits).toEqual([null, 0]); // the first killed; the second closed by the supervisor, not torn down by the app's exit
    expect(supervisor.currentProcess).toBeNull();
  }, 30_000);

  // A host that is alive but stuck (its event loop blocked, or suspended) would never answer nor exit:
  // the heartbeat notices, ends it, fails its calls with the reason, and the supervisor restarts it.
  it.skipIf(process.platform === 'win32')('ends a host that stops answering (SIGSTOP), fails its calls with why, and restarts it', async () => {
    const statuses: HostStatus[] = [];
    const supervisor = new HostSupervisor({
      spawn: spawnTestHost,
      start: { dbFile: tempDbFile(), receiverPort: 0 },
      backoffMs: () => 50,
      heartbeat: { intervalMs: 200, hungAfterMs: 2_000 },
    });
    supervisor.onEvent((name, payload) => name === 'host.status' && statuses.push(payload as HostStatus));
    cleanups.push(() => supervisor.close());
    const ready = await supervisor.start();
    await fetch(`${ready.receiverUrl}/hooks/before-the-hang`, { method: 'POST', body: '{}' });
    const stuck = supervisor.currentProcess!.pid!;
    cleanups.push(async () => endForGood(stuck)); // never leave a stopped process behind, whatever fails below

    process.kill(stuck, 'SIGSTOP');
    const started = Date.now();
    await expect(supervisor.dispatch('stats.get', {})).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/did not answer for \d+ s \(hung or suspended\) and was ended before answering/),
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500); // not before the bound: a slow step is not a hang
    await expect.poll(() => statuses.find((s) => s.state === 'restarting')?.message).toMatch(/did not answer .* was ended: restarting it/);
    await expect.poll(() => isRunning(stuck)).toBe(false); // killed, even though it was stopped

    await expect.poll(() => statuses.at(-1)?.state, { timeout: 15_000 }).toBe('running');
    expect(supervisor.currentProcess?.pid).not.toBe(stuck);
    const { items } = (await supervisor.dispatch('deliveries.list', {})) as { items: Array<{ path: string }> };
    expect(items.map((d) => d.path)).toEqual(['/hooks/before-the-hang']);
  }, 30_000);

  it('gives up after a few quick crashes, and says so', async () => {
    const dying = path.join(tempDir(), 'dies-at-once.mjs');
    fs.writeFileSync(dying, 'process.exit(3);\n');
    let spawned = 0;
    const statuses: HostStatus[] = [];
    const supervisor = new HostSupervisor({
      spawn: () => (spawned++ === 0 ? spawnTestHost() : forkNodeHost({ entry: dying })),
      start: { dbFile: tempDbFile(), receiverPort: 0 },
      maxQuickCrashes: 3,
      backoffMs: () => 10,
    });
    supervisor.onEvent((name, payload) => name === 'host.status' && statuses.push(payload as HostStatus));
    cleanups.push(() => supervisor.close());
    await supervisor.start();

    supervisor.currentProcess!.kill();
    await expect.poll(() => statuses.at(-1)?.state, { timeout: 15_000 }).toBe('stopped');
    expect(statuses.map((s) => s.state)).toEqual(['running', 'restarting', 'restarting', 'stopped']);
    expect(spawned).toBe(3); // the first host and two restarts, then no more
    expect(statuses.at(-1)?.message).toMatch(/stopped 3 times.*not restarted.*exit/i);
    await expect(supervisor.dispatch('stats.get', {})).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/not restarted/) });
  }, 30_000);
});

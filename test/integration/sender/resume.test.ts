// Scheduled retries survive restarts: the schedule lives in SQLite, so a reopened core (or a `serve`
// started after a `send` was interrupted or killed) plays on. Scaled clocks: ×60 makes AgileTune's
// first retry (one provider minute) one wall second; ×20, three seconds, leaving a child process
// time to be stopped before it.
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_ENTRY, ROOT, callApi, startServe, type ServeInfo } from '../../support/cli.js';
import { tempDbFile } from '../../support/temp.js';
import type { SendDetail } from '../../../shared/api/sender.js';
import { sleep, useSenderFixture } from './support/fixture.js';
import type { ScriptedHandler } from './support/handler.js';
import { MIN } from './support/sender.js';

const fx = useSenderFixture();
let serve: ServeInfo | undefined;

// Registered after the fixture's, so it runs first: serve stops before the handler it sends to.
afterEach(async () => {
  await serve?.stop();
  serve = undefined;
});

const scaled = { kind: 'scaled', scale: 60 } as const;
const input = (to: string) => ({ provider: 'agiletune', events: ['task.created'], secret: 's', clock: scaled, to });

function attemptsIn(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM send_attempts').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('resuming scheduled sends', () => {
  it('runs a retry scheduled before the core closed on time after it reopens', async () => {
    const handler = await fx.startHandler((n) => (n === 1 ? 500 : 200));
    const first = fx.open();
    const { items } = await first.start(input(handler.url));
    await handler.waitFor(1);
    await expect.poll(async () => (await first.get(items[0]!.id)).attempts.length).toBe(1);
    const scheduled = await first.get(items[0]!.id);
    expect(scheduled.nextOffsetMs).toBe(scheduled.attempts[0]!.offsetMs + MIN);
    expect(Date.parse(scheduled.nextDueAt!)).toBe(Date.parse(scheduled.createdAt) + Math.floor(scheduled.nextOffsetMs! / 60));
    await first.close();

    const second = fx.open({ dbFile: first.dbFile, resume: true });
    await handler.waitFor(2, 5_000);
    await expect.poll(async () => (await second.get(items[0]!.id)).status).toBe('delivered');
    const [firstOffset, retryOffset] = (await second.get(items[0]!.id)).attempts.map((a) => a.offsetMs);
    // The retry is due one provider minute (one wall second) after the first attempt: not before,
    // and not much after (scaled offsets are measured, so they carry a little latency, times 60).
    expect(retryOffset! - firstOffset!).toBeGreaterThanOrEqual(1 * MIN);
    expect(retryOffset! - firstOffset!).toBeLessThan(1 * MIN + 60 * 1_500);
    const due = Date.parse(items[0]!.createdAt) + (firstOffset! + MIN) / 60;
    expect(handler.received[1]!.atMs).toBeGreaterThanOrEqual(Math.floor(due));
  });

  it('sends a retry that fell due while nothing ran at once on resume, at its late offset', async () => {
    const handler = await fx.startHandler((n) => (n === 1 ? 500 : 200));
    const first = fx.open();
    const { items } = await first.start(input(handler.url));
    await handler.waitFor(1);
    await expect.poll(async () => (await first.get(items[0]!.id)).attempts.length).toBe(1);
    await first.close();
    await sleep(2_000); // the retry was due after one wall second

    const reopenedAt = Date.now();
    const second = fx.open({ dbFile: first.dbFile, resume: true });
    await handler.waitFor(2, 5_000);
    expect(handler.received[1]!.atMs - reopenedAt).toBeLessThan(1_000);
    await expect.poll(async () => (await second.get(items[0]!.id)).status).toBe('delivered');
    expect((await second.get(items[0]!.id)).attempts[1]!.offsetMs).toBeGreaterThanOrEqual(2 * MIN);
  });

  it('does not take over a batch another live player holds', async () => {
    const handler = await fx.startHandler(() => 500);
    const owner = fx.open();
    const { items } = await owner.start({ ...input(handler.url), clock: { kind: 'real' } });
    await handler.waitFor(1);
    const other = fx.open({ dbFile: owner.dbFile, resume: true });
    await sleep(300);
    expect(handler.received).toHaveLength(1);
    expect((await other.get(items[0]!.id)).status).toBe('scheduled');
  });
});

describe('serve resumes what `send` left', () => {
  async function sendInBackground(db: string, handler: ScriptedHandler) {
    const child = spawn(process.execPath, [CLI_ENTRY, 'send', '--provider', 'agiletune', '--event', 'task.created', '--secret', 's', '--time-scale', '20', '--to', handler.url, '--db', db], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // 'close', not 'exit': stderr is fully read only by then.
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    await handler.waitFor(1, 15_000);
    await expect.poll(() => attemptsIn(db), { timeout: 5_000 }).toBe(1);
    return { child, exited, stderr: () => stderr };
  }

  it('takes over a schedule whose `send` process was killed', async () => {
    const handler = await fx.startHandler((n) => (n === 1 ? 500 : 200));
    const db = tempDbFile();
    const sent = await sendInBackground(db, handler);
    sent.child.kill('SIGKILL');
    await sent.exited;

    serve = await startServe(db);
    await handler.waitFor(2, 10_000);
    await expect.poll(async () => (await callApi<SendDetail>(serve!, 'sends.get', { id: 1 })).status, { timeout: 5_000 }).toBe('delivered');
    expect((await callApi<SendDetail>(serve, 'sends.get', { id: 1 })).attempts.map((a) => a.status)).toEqual([500, 200]);
  }, 40_000);

  it('leaves the run scheduled on Ctrl+C, saying serve resumes it, and serve does', async () => {
    const handler = await fx.startHandler((n) => (n === 1 ? 500 : 200));
    const db = tempDbFile();
    const sent = await sendInBackground(db, handler);
    sent.child.kill('SIGINT');
    expect(await sent.exited).toBe(130);
    expect(sent.stderr()).toMatch(/stays scheduled.*hookscope serve/);
    expect(handler.received).toHaveLength(1);

    serve = await startServe(db);
    await handler.waitFor(2, 10_000);
    await expect.poll(async () => (await callApi<SendDetail>(serve!, 'sends.get', { id: 1 })).status, { timeout: 5_000 }).toBe('delivered');
  }, 40_000);
});

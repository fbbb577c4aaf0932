// Filing on a worker thread (issue #17, capture/filing-thread.ts and filing-worker.ts): a real worker
// thread with its own SQLite connection files the capture log while the receiver answers. The
// guarantees stay: a read right after an answer sees the delivery; each capture is announced once, by
// the receiving process; a worker that dies leaves filing to the receiver's thread with nothing lost;
// a secret changed meanwhile reaches the worker before captures signed with it.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { DeliverySummary } from '../../../shared/domain.js';
import { openCore, type Core } from '../../../electron/core/core.js';
import { startReceiver, type Receiver } from '../../../electron/core/receiver/receiver.js';
import { AGILETUNE, signedRequest } from '../../fixtures/seed-signers.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { deliveryIdOf, post, sleep } from '../faults/support.js';

const SECRET = 's3cret';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
  vi.restoreAllMocks();
});
afterAll(removeTempDirs);

const bodyOf = (n: number) => Buffer.from(JSON.stringify({ event: 'task.created', data: { id: `tsk_${n}` } }));
const headersOf = (body: Buffer, secret = SECRET) => Object.fromEntries(signedRequest(AGILETUNE, body, secret).headers.map((h) => [h.name, h.value]));

/**
 * A receiver that treats any traffic as a burst and never files in a quiet moment itself (heavyPerSec
 * 0, quietMs far away): what gets filed, the worker filed (or a read, after waiting for it).
 */
async function workerCore(): Promise<{ core: Core; receiver: Receiver; received: DeliverySummary[] }> {
  const core = openCore({ dbFile: tempDbFile() });
  await core.dispatch('endpoints.create', { path: '/hooks/at', provider: 'agiletune', secret: SECRET });
  const receiver = await startReceiver({
    store: core.ctx.store,
    port: 0,
    filing: core.ctx.filing,
    filingLoop: { heavyPerSec: 0, quietMs: 600_000, maxLagMs: 600_000 },
    filingWorker: { indexSearch: true },
  });
  const received: DeliverySummary[] = [];
  core.ctx.events.on('delivery.received', (d) => void received.push(d));
  cleanups.push(() => core.close(), () => receiver.close());
  return { core, receiver, received };
}

async function postSigned(receiver: Receiver, n: number, secret = SECRET): Promise<number> {
  const body = bodyOf(n);
  return deliveryIdOf(await post(`${receiver.url}/hooks/at`, body, { headers: headersOf(body, secret) }));
}

async function until(what: string, done: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const logged = (core: Core) => core.ctx.store.captures.newestId();

describe('filing on a worker thread', () => {
  it('files every capture off the receiver thread, verified, and a read right after an answer sees it', async () => {
    const { core, receiver } = await workerCore();
    expect(receiver.filingWorker?.running).toBe(true);
    for (let n = 0; n < 40; n++) {
      const id = await postSigned(receiver, n);
      // Right after the answer: the API read waits for the worker (or files what it left) first.
      const detail = await core.handlers['deliveries.get']({ id });
      expect(detail.id).toBe(id);
      expect(detail.verification.status).toBe('valid');
    }
    // Captures nobody read are filed too, by the worker: this thread never files in a burst here.
    const ids: number[] = [];
    for (let n = 40; n < 80; n++) ids.push(await postSigned(receiver, n));
    await until('the worker to file the log', () => logged(core) === 0);
    for (const id of ids) expect(core.ctx.store.deliveries.get(id)?.verification.status).toBe('valid');
    expect(receiver.filingWorker?.running).toBe(true);
  }, 120_000);

  it('announces each capture once, in the receiving process, in order', async () => {
    const { core, receiver, received } = await workerCore();
    const ids: number[] = [];
    for (let n = 0; n < 60; n++) ids.push(await postSigned(receiver, n));
    await until('every capture to be announced', () => received.length >= ids.length);
    await core.dispatch('stats.get', {}); // a read files (and announces) nothing twice
    await sleep(100);
    expect(received.map((d) => d.id)).toEqual(ids);
  }, 120_000);

  it('when the worker dies, the receiver thread says so and files everything itself: nothing is lost', async () => {
    const { core, receiver, received } = await workerCore();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const before: number[] = [];
    for (let n = 0; n < 20; n++) before.push(await postSigned(receiver, n));
    await receiver.filingWorker!.thread.terminate(); // as a crash would: no goodbye
    await until('the receiver to notice', () => receiver.filingWorker!.running === false);
    expect(errors.mock.calls.some(([line]) => /filing worker stopped/.test(String(line)))).toBe(true);
    const after: number[] = [];
    for (let n = 20; n < 40; n++) after.push(await postSigned(receiver, n));
    const all = [...before, ...after];
    const listed = await core.handlers['deliveries.list']({ limit: 100 });
    expect(listed.items.map((d) => d.id).sort((a, b) => a - b)).toEqual(all);
    for (const id of all) expect(core.ctx.store.deliveries.get(id)?.verification.status).toBe('valid');
    expect(logged(core)).toBe(0);
    await until('every capture to be announced', () => received.length >= all.length);
    expect(received.map((d) => d.id)).toEqual(all);
  }, 120_000);

  it('verifies captures signed with a changed secret against the new one', async () => {
    const { core, receiver } = await workerCore();
    const first = await postSigned(receiver, 0);
    await until('the first capture to be filed', () => logged(core) === 0);
    expect(core.ctx.store.deliveries.get(first)?.verification.status).toBe('valid');
    const endpoint = core.ctx.store.endpoints.list()[0]!;
    await core.dispatch('endpoints.update', { id: endpoint.id, patch: { secret: 'n3w-secret' } });
    const ids: number[] = [];
    for (let n = 1; n < 20; n++) ids.push(await postSigned(receiver, n, 'n3w-secret'));
    await until('the worker to file them', () => logged(core) === 0);
    expect(receiver.filingWorker?.running).toBe(true);
    for (const id of ids) expect(core.ctx.store.deliveries.get(id)?.verification.status).toBe('valid');
  }, 120_000);
});

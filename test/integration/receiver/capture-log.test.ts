// The capture log: the receiver commits each capture there and answers; promotion verifies it and
// files it into deliveries under the id the client was given. Moderate traffic is filed before the
// answer; a burst is filed once the receiver is quiet, or between captures once it lags too far; a
// read files everything logged before it; a killed run's log is filed by the next.
import http from 'node:http';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../../shared/domain.js';
import { openCore, type Core } from '../../../electron/core/core.js';
import { startReceiver, type Receiver } from '../../../electron/core/receiver/receiver.js';
import { startHttpBridge } from '../../../electron/server/http-bridge.js';
import type { RawCapture } from '../../../electron/core/store/capture-log.js';
import { AGILETUNE, signedRequest } from '../../fixtures/seed-signers.js';
import { startTestCore } from '../../support/core.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { deliveryIdOf, post, sleep } from '../faults/support.js';

const SECRET = 's3cret';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});
afterAll(removeTempDirs);

const bodyOf = (n: number) => Buffer.from(JSON.stringify({ event: 'task.created', data: { id: `tsk_${n}` } }));
const headersOf = (body: Buffer) => Object.fromEntries(signedRequest(AGILETUNE, body, SECRET).headers.map((h) => [h.name, h.value]));

/**
 * A core whose receiver treats any traffic as a burst: promotion waits for 300 ms without a capture
 * (a margin no pause of a loaded machine reaches), or files between captures past the lag limit.
 */
async function burstCore(maxLagMs = 60_000): Promise<{ core: Core; receiver: Receiver; received: DeliverySummary[]; dbFile: string }> {
  const dbFile = tempDbFile();
  const core = openCore({ dbFile });
  await core.dispatch('endpoints.create', { path: '/hooks/at', provider: 'agiletune', secret: SECRET });
  const receiver = await startReceiver({ store: core.ctx.store, port: 0, filing: core.ctx.filing, filingLoop: { heavyPerSec: 0, quietMs: 300, maxLagMs } });
  const received: DeliverySummary[] = [];
  core.ctx.events.on('delivery.received', (d) => void received.push(d));
  cleanups.push(() => core.close(), () => receiver.close());
  return { core, receiver, received, dbFile };
}

async function postBurst(receiver: Receiver, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const body = bodyOf(i);
    ids.push(deliveryIdOf(await post(`${receiver.url}/hooks/at`, body, { headers: headersOf(body) })));
  }
  return ids;
}

const logged = (core: Core) => core.ctx.store.db.prepare('SELECT id FROM capture_log ORDER BY id').pluck().all() as number[];

function rawCapture(n: number, endpointId: number | null): RawCapture {
  const body = bodyOf(n);
  return {
    receivedAtMs: Date.now(),
    method: 'POST',
    path: '/hooks/at',
    query: '',
    httpVersion: '1.1',
    rawHeaders: Object.entries(headersOf(body)).flat(),
    body,
    truncated: false,
    incomplete: null,
    remoteAddress: '127.0.0.1',
    remotePort: 40000 + n,
    durationMs: 0.2,
    endpointId,
    endpointPath: endpointId === null ? null : '/hooks/at',
    responseStatus: 200,
  };
}

describe('the capture log', () => {
  it('files a capture at moderate traffic before its answer goes out, verified, under the id the answer names', async () => {
    const t = await startTestCore();
    cleanups.push(() => t.close());
    await t.core.dispatch('endpoints.create', { path: '/hooks/at', provider: 'agiletune', secret: SECRET });
    const body = bodyOf(1);
    const reply = await post(`${t.receiver.url}/hooks/at`, body, { headers: headersOf(body) });
    const id = deliveryIdOf(reply);
    // Read straight from the store, not through an API call (which would file it first).
    const stored = t.core.ctx.store.deliveries.get(id);
    expect(stored?.verification.status).toBe('valid');
    expect(Buffer.from(stored!.bodyBase64, 'base64').equals(body)).toBe(true);
    expect(logged(t.core)).toEqual([]);
  });

  it('answers a burst from the log and files it, in order and verified, once the receiver is quiet', async () => {
    const { core, receiver, received } = await burstCore();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    cleanups.push(() => agent.destroy());
    const ids: number[] = [];
    // Back to back on four connections: no gap reaches the quiet the promoter waits for.
    await Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        for (let i = 0; i < 10; i++) {
          const body = bodyOf(lane * 100 + i);
          ids.push(deliveryIdOf(await post(`${receiver.url}/hooks/at`, body, { agent, headers: headersOf(body) })));
        }
      }),
    );
    expect(new Set(ids).size).toBe(40);
    expect(logged(core).length).toBeGreaterThan(0); // answered while still in the log

    while (received.length < 40) await sleep(10);
    expect(logged(core)).toEqual([]);
    expect(received.map((d) => d.id)).toEqual([...ids].sort((a, b) => a - b));
    expect(received.every((d) => d.verification.status === 'valid' && d.endpoint === '/hooks/at')).toBe(true);
  });

  it('files between captures once the oldest waiting one is past the lag limit, without waiting for quiet', async () => {
    const { receiver, received } = await burstCore(0);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy());
    let filedDuringTraffic = false;
    const until = Date.now() + 250; // captures keep coming for less than the quiet the promoter waits for
    for (let i = 0; Date.now() < until; i++) {
      const body = bodyOf(i);
      await post(`${receiver.url}/hooks/at`, body, { agent, headers: headersOf(body) });
      if (received.length > 0) filedDuringTraffic = true;
    }
    expect(filedDuringTraffic).toBe(true);
  });

  it('files a burst as it arrives while something reads deliveries (the reads would wait for it otherwise)', async () => {
    const { core, receiver, received } = await burstCore();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy());
    const first = bodyOf(0);
    await post(`${receiver.url}/hooks/at`, first, { agent, headers: headersOf(first) });
    await core.dispatch('deliveries.list', { limit: 10 }); // found a capture waiting: someone reads during a burst
    expect(received).toHaveLength(1);
    let filedDuringTraffic = false;
    const until = Date.now() + 250; // less than the quiet the filing loop waits for, and far from the lag limit
    for (let i = 1; Date.now() < until; i++) {
      const body = bodyOf(i);
      await post(`${receiver.url}/hooks/at`, body, { agent, headers: headersOf(body) });
      if (received.length > 1) filedDuringTraffic = true;
    }
    expect(filedDuringTraffic).toBe(true);
  });

  it('files everything logged before an API read, so a read never misses an acknowledged capture', async () => {
    const { core, receiver } = await burstCore();
    const body = bodyOf(7);
    const id = deliveryIdOf(await post(`${receiver.url}/hooks/at`, body, { headers: headersOf(body) }));
    expect(core.ctx.store.deliveries.get(id)).toBeUndefined(); // still in the log: the promoter waits for quiet
    const detail = (await core.dispatch('deliveries.get', { id })) as { id: number; verification: { status: string } };
    expect(detail).toMatchObject({ id, verification: { status: 'valid' } });
    expect(logged(core)).toEqual([]);
  });

  it('files a burst as it arrives while a UI watches the inbox live (an open event stream), and stops when it closes', async () => {
    const { core, receiver, received } = await burstCore();
    const bridge = await startHttpBridge(core);
    cleanups.push(() => bridge.close());
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy());
    /** Posts back to back for less than the quiet the filing loop waits for; true if any was filed meanwhile. */
    const burstFiledAsItCame = async () => {
      const before = received.length;
      const until = Date.now() + 250;
      let filed = false;
      for (let i = 0; Date.now() < until; i++) {
        const body = bodyOf(i);
        await post(`${receiver.url}/hooks/at`, body, { agent, headers: headersOf(body) });
        if (received.length > before) filed = true;
      }
      return filed;
    };
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${bridge.url}/api/events`, { headers: { Authorization: `Bearer ${bridge.token}` } }, resolve).on('error', reject);
    });
    expect(stream.statusCode).toBe(200);
    expect(await burstFiledAsItCame()).toBe(true);

    stream.destroy();
    while (core.ctx.filing.someoneReading(Date.now())) await sleep(10); // the bridge saw the stream close
    while (logged(core).length > 0) await sleep(20); // the first burst, filed once quiet
    expect(await burstFiledAsItCame()).toBe(false);
    expect(logged(core).length).toBeGreaterThan(0);
  });

  it('files only up to the newest delivery a call names, so opening a filed one never waits for a backlog', async () => {
    const core = openCore({ dbFile: tempDbFile() });
    cleanups.push(() => core.close());
    const endpoint = core.ctx.store.endpoints.create({ path: '/hooks/at', provider: 'agiletune', secret: SECRET });
    const { captures } = core.ctx.store;
    const [filed] = captures.append([rawCapture(1, endpoint.id)]);
    await core.dispatch('deliveries.list', {}); // files it
    const backlog = captures.append([2, 3, 4, 5].map((n) => rawCapture(n, endpoint.id)));
    // Each reads the filed delivery only: the backlog behind it stays for the filing loop.
    await core.dispatch('deliveries.get', { id: filed });
    await core.dispatch('deliveries.answer', { id: filed });
    await core.dispatch('replays.list', { deliveryId: filed });
    expect(logged(core)).toEqual(backlog);
    // A call naming a waiting capture files up to it (in order), and reads it verified.
    const diff = (await core.dispatch('diff.deliveries', { a: filed, b: backlog[1] })) as { a: number; b: number };
    expect([diff.a, diff.b]).toEqual([filed, backlog[1]]);
    expect(logged(core)).toEqual(backlog.slice(2));
    expect(core.ctx.store.deliveries.get(backlog[1]!)?.verification.status).toBe('valid');
    // A call reading every delivery files them all.
    await core.dispatch('stats.get', {});
    expect(logged(core)).toEqual([]);
  });

  it('leaves a crashed run’s log to the next run, which files it with the endpoint’s secret', async () => {
    const dbFile = tempDbFile();
    const first = openCore({ dbFile });
    const endpoint = first.ctx.store.endpoints.create({ path: '/hooks/at', provider: 'agiletune', secret: SECRET });
    // Committed to the log and never filed: what a kill between the answer and the promotion leaves.
    const ids = first.ctx.store.captures.append([rawCapture(1, endpoint.id), rawCapture(2, endpoint.id)]);
    await first.close();

    const second = openCore({ dbFile });
    cleanups.push(() => second.close());
    const { items } = (await second.dispatch('deliveries.list', {})) as { items: DeliverySummary[] };
    expect(items.map((d) => [d.id, d.verification.status, d.provider])).toEqual([
      [ids[1], 'valid', 'agiletune'],
      [ids[0], 'valid', 'agiletune'],
    ]);
  });

  it('gives logged captures ids above every delivery and every capture still waiting, even after deletions', async () => {
    const core = openCore({ dbFile: tempDbFile() });
    cleanups.push(() => core.close());
    const { captures } = core.ctx.store;
    const [a, b] = captures.append([rawCapture(1, null), rawCapture(2, null)]);
    await core.dispatch('deliveries.list', {}); // files a and b
    const [c] = captures.append([rawCapture(3, null)]); // waiting in the log
    core.ctx.store.deliveries.delete([b!]); // the newest delivery goes while c waits
    const [d] = captures.append([rawCapture(4, null)]);
    expect([a, b, c, d]).toEqual([1, 2, 3, 4]);
    const { items } = (await core.dispatch('deliveries.list', {})) as { items: DeliverySummary[] };
    expect(items.map((x) => x.id)).toEqual([4, 3, 1]);
  });

  it('files a capture whose endpoint was deleted meanwhile as unattached, checked without a secret', async () => {
    const core = openCore({ dbFile: tempDbFile() });
    cleanups.push(() => core.close());
    const endpoint = core.ctx.store.endpoints.create({ path: '/hooks/at', provider: 'agiletune', secret: SECRET });
    const [id] = core.ctx.store.captures.append([rawCapture(1, endpoint.id)]);
    core.ctx.store.endpoints.delete(endpoint.id);
    const detail = (await core.dispatch('deliveries.get', { id })) as { endpoint: string | null; verification: { status: string } };
    expect(detail.endpoint).toBe('/hooks/at'); // the endpoint it arrived at, as it was then
    expect(detail.verification.status).not.toBe('valid'); // no secret to check it with any more
    expect(core.ctx.store.db.prepare('SELECT endpoint_id FROM deliveries WHERE id = ?').pluck().get(id)).toBeNull();
  });

  it('announces its captures in the receiving process when another process files them', async () => {
    const { core, receiver, received, dbFile } = await burstCore();
    const ids = await postBurst(receiver, 5);
    expect(logged(core)).toEqual(ids); // waiting for quiet

    const cli = openCore({ dbFile }); // e.g. `hookscope deliveries` while the app runs
    cleanups.push(() => cli.close());
    const heardByCli: number[] = [];
    cli.ctx.events.on('delivery.received', (d) => void heardByCli.push(d.id));
    const { items } = (await cli.dispatch('deliveries.list', {})) as { items: DeliverySummary[] };
    expect(items.map((d) => d.id).sort((a, b) => a - b)).toEqual(ids);
    expect(heardByCli).toEqual([]); // the CLI received none of them: nothing to announce there

    while (received.length < ids.length) await sleep(10);
    expect(received.map((d) => [d.id, d.verification.status])).toEqual(ids.map((id) => [id, 'valid']));
  });

  it('lets a read go on with what is filed when another connection holds the write lock, instead of failing', async () => {
    const core = openCore({ dbFile: tempDbFile() });
    cleanups.push(() => core.close());
    const [filed] = core.ctx.store.captures.append([rawCapture(1, null)]);
    await core.dispatch('deliveries.list', {});
    const [waiting] = core.ctx.store.captures.append([rawCapture(2, null)]);
    const other = new Database(core.ctx.store.file);
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      const { items } = (await core.dispatch('deliveries.list', {})) as { items: DeliverySummary[] };
      expect(items.map((d) => d.id)).toEqual([filed]);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    const { items } = (await core.dispatch('deliveries.list', {})) as { items: DeliverySummary[] };
    expect(items.map((d) => d.id)).toEqual([waiting, filed]);
  });

  it('leaves nothing running when its port is taken', async () => {
    const core = openCore({ dbFile: tempDbFile() });
    core.ctx.store.captures.append([rawCapture(1, null)]); // a backlog the receiver would start filing
    const holder = http.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => holder.close(() => resolve())));
    const port = (holder.address() as { port: number }).port;
    await expect(startReceiver({ store: core.ctx.store, port, filing: core.ctx.filing })).rejects.toThrow(/EADDRINUSE/);
    await core.close();
    await sleep(100); // a promoter left behind would now read a closed database, and throw
  });

  it('says how many captures wait to be filed while a burst lasts, and when none are left', async () => {
    const core = openCore({ dbFile: tempDbFile() });
    const waiting: Array<{ count: number; oldestReceivedAt: string | null }> = [];
    const receiver = await startReceiver({
      store: core.ctx.store,
      port: 0,
      filing: core.ctx.filing,
      filingLoop: { heavyPerSec: 0, quietMs: 300, onWaiting: (count, oldestMs) => waiting.push({ count, oldestReceivedAt: oldestMs === null ? null : new Date(oldestMs).toISOString() }) },
    });
    cleanups.push(() => core.close(), () => receiver.close());
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy());
    const started = Date.now();
    let sent = 0;
    while (Date.now() - started < 800) {
      await post(`${receiver.url}/hooks/at`, bodyOf(sent), { agent });
      sent++;
    }
    while (waiting.at(-1)?.count !== 0) await sleep(20);
    const reports = waiting.slice(0, -1);
    expect(reports.length).toBeGreaterThan(0);
    // Reported once the oldest had waited half a second: it was among the first captures sent.
    expect(Date.parse(reports[0]!.oldestReceivedAt!)).toBeLessThan(started + 300);
    expect(reports[0]!.count).toBeGreaterThan(0);
    expect(reports[0]!.count).toBeLessThanOrEqual(sent);
    expect(logged(core)).toEqual([]);
  });
});

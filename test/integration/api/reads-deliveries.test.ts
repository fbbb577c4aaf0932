// Issue #16 item 4: "reads deliveries, so file waiting captures first" is declared with each method
// in the contract (`readsDeliveries`, shared/api/define.ts), and the declaration must be true.
//
// Each method's handler runs on a real core whose capture log holds an acknowledged, unfiled
// capture, with every SQL statement the connection runs recorded (better-sqlite3's trace). A handler
// that touches the deliveries tables (deliveries, their search index, replays, the capture log) or
// changes an endpoint (which filing verifies against) must be declared `readsDeliveries`; one that
// touches none must not be. A new method that reads deliveries without the flag fails here, whatever
// path it reads them by (a repository, raw SQL, a helper). Then, through the core's dispatch, exactly
// the declared methods file the waiting capture before they run.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { methods, METHOD_NAMES, type MethodInput, type MethodName } from '../../../shared/api/contract.js';
import type { ReadsDeliveries } from '../../../shared/api/define.js';
import { openCore, type Core } from '../../../electron/core/core.js';
import { createHandlers } from '../../../electron/core/service.js';
import { AGILETUNE, signedRequest } from '../../fixtures/seed-signers.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

const SECRET = 's3cret';
/** Nothing listens there: sends, replays and checks fail at once, on loopback. */
const CLOSED = 'http://127.0.0.1:9/hooks/at';

/** A valid input for every method (typed: a new method without one fails the typecheck). */
const SAMPLE: { [M in MethodName]: MethodInput<M> } = {
  'deliveries.list': { limit: 10 },
  'deliveries.get': { id: 1 },
  'deliveries.verify': { id: 1 },
  'deliveries.verifyMany': { ids: [1] },
  'deliveries.answer': { id: 1 },
  'deliveries.delete': { ids: [1] },
  'stats.get': {},
  'endpoints.list': {},
  'endpoints.create': { path: '/hooks/other' },
  'endpoints.update': { id: 1, patch: { secret: 'n3w' } },
  'endpoints.delete': { id: 1 },
  'providers.list': {},
  'verify.request': { provider: 'agiletune', secrets: [SECRET], headers: [], bodyBase64: '' },
  'settings.get': {},
  'replay.send': { ids: [1], target: CLOSED, timeoutMs: 2_000 },
  'replays.list': { deliveryId: 1 },
  'diff.deliveries': { a: 1, b: 1 },
  'diff.replay': { deliveryId: 1, replayId: 1, against: 'request' },
  'export.deliveries': { ids: [1], format: 'curl' },
  'send.start': { provider: 'agiletune', to: CLOSED, count: 1, timeoutMs: 2_000, maxAttempts: 1, wait: true },
  'sends.list': {},
  'sends.get': { id: 1 },
  'send.stop': { batchId: 1 },
  'check.run': { provider: 'agiletune', to: CLOSED, secret: SECRET, only: ['signed-accepted'], timeoutMs: 2_000, wait: true },
  'deliveries.prune': { keep: 10 },
  'deliveries.clear': { endpoint: '/hooks/at' },
  'settings.list': {},
  'settings.set': { key: 'retention.keep', value: '100' },
  'relays.list': {},
  'tunnel.status': {},
};

/** SQL on what filing writes (deliveries, their search index, replays of them, the capture log), or an endpoint change. */
const DELIVERY_SQL = /\b(deliveries|deliveries_search|search_unindexed|replays|capture_log)\b|^\s*(UPDATE|DELETE\s+FROM)\s+endpoints\b/i;

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});
afterAll(removeTempDirs);

type Capture = Parameters<Core['ctx']['store']['captures']['append']>[0][number];

function capture(n: number): Capture {
  const body = Buffer.from(JSON.stringify({ event: 'task.created', data: { id: `tsk_${n}` } }));
  return {
    receivedAtMs: Date.now(),
    method: 'POST',
    path: '/hooks/at',
    query: '',
    httpVersion: '1.1',
    rawHeaders: signedRequest(AGILETUNE, body, SECRET).headers.flatMap((h) => [h.name, h.value]),
    body,
    truncated: false,
    incomplete: null,
    remoteAddress: '127.0.0.1',
    remotePort: 40000 + n,
    durationMs: 0.2,
    endpointId: 1,
    endpointPath: '/hooks/at',
    responseStatus: 200,
  };
}

/** A core with endpoint #1, delivery #1 filed and replayed once (#1), a send run (#1, batch #1), and capture #2 acknowledged but not filed. */
async function coreWithWaitingCapture(): Promise<{ core: Core; sql: string[]; waiting: () => number }> {
  const sql: string[] = [];
  const core = openCore({ dbFile: tempDbFile(), trace: (statement) => sql.push(statement) });
  cores.push(core);
  await core.dispatch('endpoints.create', { path: '/hooks/at', provider: 'agiletune', secret: SECRET });
  core.ctx.store.captures.append([capture(1)]);
  await core.dispatch('deliveries.list', {}); // files #1
  await core.dispatch('replay.send', SAMPLE['replay.send']); // replay #1 (refused: nothing listens)
  await core.dispatch('send.start', SAMPLE['send.start']);
  core.ctx.store.captures.append([capture(2)]);
  const waiting = () => core.ctx.store.db.prepare('SELECT count(*) FROM capture_log').pluck().get() as number;
  expect(waiting()).toBe(1);
  sql.length = 0;
  return { core, sql, waiting };
}

describe('readsDeliveries, declared with each method in the contract', () => {
  it('is declared by exactly the methods whose handler touches deliveries or changes an endpoint', async () => {
    const found: Array<{ method: MethodName; touches: boolean }> = [];
    for (const name of METHOD_NAMES) {
      const { core, sql } = await coreWithWaitingCapture();
      // The handler itself, without the core's filing in front of it.
      const handler = createHandlers(core.ctx)[name] as (input: unknown) => Promise<unknown>;
      await expect(handler(methods[name].input.parse(SAMPLE[name])), `${name} runs with its sample input`).resolves.toBeDefined();
      found.push({ method: name, touches: sql.some((statement) => DELIVERY_SQL.test(statement)) });
      await core.close();
    }
    expect(found).toEqual(METHOD_NAMES.map((method) => ({ method, touches: methods[method].readsDeliveries !== false })));
  }, 120_000);

  it('the core files waiting captures before exactly the declared methods', async () => {
    const filedFirst: Array<{ method: MethodName; filed: boolean }> = [];
    for (const name of METHOD_NAMES) {
      const { core, waiting } = await coreWithWaitingCapture();
      await core.dispatch(name, SAMPLE[name]);
      filedFirst.push({ method: name, filed: waiting() === 0 });
      await core.close();
    }
    // A method reading only the deliveries it names (`through`) files the waiting #2 only when it names it.
    const filesTheWaitingOne = (method: MethodName) => {
      const reads = methods[method].readsDeliveries as ReadsDeliveries<unknown>;
      return reads === true || (reads !== false && reads.through(methods[method].input.parse(SAMPLE[method])) >= 2);
    };
    expect(filedFirst).toEqual(METHOD_NAMES.map((method) => ({ method, filed: filesTheWaitingOne(method) })));
  }, 120_000);
});

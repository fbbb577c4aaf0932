// Hostile API calls to the headless bridge: JSON with prototype-pollution keys (`__proto__`,
// `constructor`, `prototype`) and other oddities, POSTed to every method. Each call is refused with a
// clear error or handled; none fails as an internal error, and Object.prototype is never touched.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fcParams } from '../../support/fast-check.js';
import { METHOD_NAMES } from '../../../shared/api/contract.js';
import { startHttpBridge, type Bridge } from '../../../electron/server/http-bridge.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { removeTempDirs } from '../../support/temp.js';

let t: TestCore;
let bridge: Bridge;
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  t = await startTestCore();
  bridge = await startHttpBridge(t.core);
  t.core.ctx.store.endpoints.create({ path: '/hooks/a', provider: 'agiletune', secret: 's' });
});
afterAll(async () => {
  await bridge.close();
  await t.close();
  removeTempDirs();
});

interface CallReply {
  status: number;
  body: { result?: unknown; error?: { code: string; message: string } };
}

async function callRaw(method: string, json: string): Promise<CallReply> {
  const res = await fetch(`${bridge.url}/api/call/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
    body: json,
  });
  return { status: res.status, body: (await res.json()) as CallReply['body'] };
}

function expectHandledOrRefused(reply: CallReply) {
  if (reply.status === 200) return expect(reply.body).toHaveProperty('result');
  expect(reply.status).toBeGreaterThanOrEqual(400);
  expect(reply.status).toBeLessThan(500);
  expect(reply.body.error?.code).toMatch(/^[a-z-]+$/);
  expect(reply.body.error?.message.length).toBeGreaterThan(0);
}

function expectPrototypeUntouched() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
}

/** JSON text written by hand: an object literal with a `__proto__` key would set the prototype instead. */
function objectJson(entries: ReadonlyArray<readonly [string, unknown]>): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
}

const POLLUTING = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"id":1,"__proto__":{"polluted":"yes","id":2}}',
  '{"path":"/p","response":{"__proto__":{"polluted":"yes"},"status":200},"__proto__":{"isAdmin":true}}',
  '{"ids":[1],"__proto__":[]}',
  '{"q":"x","limit":5,"constructor":null}',
  '[{"__proto__":{"polluted":"yes"}}]',
  '"__proto__"',
  'null',
];

describe('hostile calls to the API bridge', () => {
  it.each(METHOD_NAMES)('%s refuses or handles prototype-pollution payloads', async (method) => {
    for (const json of POLLUTING) expectHandledOrRefused(await callRaw(method, json));
    expectPrototypeUntouched();
  });

  it('refuses or handles random objects made of dangerous keys, for every method', async () => {
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf');
    const entries = fc.array(fc.tuple(key, fc.jsonValue({ maxDepth: 3 })), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHOD_NAMES), entries, async (method, kv) => {
        expectHandledOrRefused(await callRaw(method, objectJson(kv)));
        expectPrototypeUntouched();
      }),
      fcParams({ numRuns: 150, interruptAfterTimeLimit: 15_000 }),
    );
  }, 30_000);

  it('names the offending field when it refuses a payload', async () => {
    const reply = await callRaw('endpoints.create', '{"path":"/x","__proto__":{"polluted":"yes"},"secret":42}');
    expect(reply.status).toBe(400);
    expect(reply.body.error?.message).toMatch(/secret/);
  });

  it('refuses bodies that are not JSON with a clear message', async () => {
    for (const body of ['{', '\u0000\u0001', '{"a":1}{"b":2}', 'NaN']) {
      const reply = await callRaw('deliveries.list', body);
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'bad-input', message: 'request body is not valid JSON' });
    }
  });
});

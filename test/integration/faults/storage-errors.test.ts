// When the database cannot take a capture (read-only, disk full), the receiver says so with a 503 and
// a message naming the cause, stores nothing it acknowledges, and keeps running: once the cause is
// fixed, captures are stored again without a restart.
import http from 'node:http';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../support/core.js';
import { removeTempDirs } from '../../support/temp.js';
import { deliveryIdOf, post } from './support.js';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});
afterAll(removeTempDirs);

const errorOf = (body: Buffer) => (JSON.parse(body.toString('utf8')) as { error: string }).error;

describe('a read-only database', () => {
  it('gets a 503 naming the read-only file, and captures resume once it is writable', async () => {
    const db = t.core.ctx.store.db;
    const before = t.core.ctx.store.deliveries.count();
    db.pragma('query_only = 1'); // the connection can no longer write, as with a file opened read-only
    const refused = await post(`${t.receiver.url}/hooks/ro`, '{"a":1}');
    expect(refused.status).toBe(503);
    expect(refused.headers['x-hookscope-delivery']).toBeUndefined();
    expect(errorOf(refused.body)).toMatch(/capture could not be stored: .*read-only/);

    db.pragma('query_only = 0');
    const stored = await post(`${t.receiver.url}/hooks/ro`, '{"a":2}');
    expect(stored.status).toBe(200);
    expect(t.core.ctx.store.deliveries.count()).toBe(before + 1);
    expect(t.core.ctx.store.deliveries.body(deliveryIdOf(stored))!.toString()).toBe('{"a":2}');
  });
});

describe('a full disk', () => {
  it('gets a 503 saying the disk is full, and captures resume once there is room', async () => {
    const db = t.core.ctx.store.db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    const normalLimit = db.pragma('max_page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`); // SQLite now answers SQLITE_FULL as a full disk would
    const big = Buffer.alloc(256 * 1024, 0x62);
    const refused = await post(`${t.receiver.url}/hooks/full`, big);
    expect(refused.status).toBe(503);
    expect(errorOf(refused.body)).toMatch(/capture could not be stored: the disk holding .* is full/);

    db.pragma(`max_page_count = ${normalLimit}`);
    const stored = await post(`${t.receiver.url}/hooks/full`, big);
    expect(stored.status).toBe(200);
    expect(t.core.ctx.store.deliveries.body(deliveryIdOf(stored))!.equals(big)).toBe(true);
  });

  it('refuses every request of a concurrent burst it cannot store, and acknowledges none of them', async () => {
    const db = t.core.ctx.store.db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const replies = await Promise.all(
      Array.from({ length: 64 }, (_, i) => post(`${t.receiver.url}/hooks/burst/${i}`, Buffer.alloc(8 * 1024, 0x63), { agent })),
    );
    agent.destroy();
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 503));
    expect(t.core.ctx.store.deliveries.list({ q: '/hooks/burst' })).toEqual([]);
  });
});

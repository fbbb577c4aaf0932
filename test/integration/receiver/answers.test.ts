// What each delivery was answered with (the delivery view's Response tab): the endpoint's response
// settings as they were when the request arrived, kept per capture as a version id, so changing an
// endpoint later does not rewrite what earlier deliveries got.
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { DeliveryAnswer } from '../../../shared/api/deliveries.js';
import { migrateTo } from '../../../electron/core/store/migrations.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { deliveryIdOf, post } from '../faults/support.js';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});
afterAll(removeTempDirs);

const answerOf = (id: number) => t!.core.dispatch('deliveries.answer', { id }) as Promise<DeliveryAnswer>;

describe('the answer a delivery got', () => {
  it('is the endpoint\'s response when it arrived, unchanged by later edits of the endpoint', async () => {
    t = await startTestCore();
    const endpoint = (await t.core.dispatch('endpoints.create', {
      path: '/hooks/slow',
      response: { status: 503, headers: [{ name: 'Retry-After', value: '30' }], body: 'try later', delayMs: 20 },
    })) as { id: number };
    const first = await post(`${t.receiver.url}/hooks/slow`, '{}');
    await t.core.dispatch('endpoints.update', { id: endpoint.id, patch: { response: { status: 202, headers: [], body: 'ok', delayMs: 0 } } });
    const second = await post(`${t.receiver.url}/hooks/slow`, '{}');

    const a = await answerOf(deliveryIdOf(first));
    expect(a).toEqual({
      source: 'endpoint',
      status: 503,
      headers: [
        { name: 'Retry-After', value: '30' },
        { name: 'X-Hookscope-Delivery', value: String(deliveryIdOf(first)) },
        { name: 'Content-Length', value: '9' },
      ],
      body: 'try later',
      delayMs: 20,
    });
    // What the tab shows is what went out.
    expect(first.status).toBe(503);
    expect(first.headers['retry-after']).toBe('30');
    expect(first.body.toString()).toBe('try later');
    expect(await answerOf(deliveryIdOf(second))).toMatchObject({ source: 'endpoint', status: 202, body: 'ok', delayMs: 0 });
  });

  it('keeps showing what a delivery got after its endpoint was deleted', async () => {
    t = await startTestCore();
    const endpoint = (await t.core.dispatch('endpoints.create', { path: '/hooks/gone', response: { status: 201, body: 'made' } })) as { id: number };
    const id = deliveryIdOf(await post(`${t.receiver.url}/hooks/gone`, '{}'));
    await t.core.dispatch('endpoints.delete', { id: endpoint.id });
    expect(await answerOf(id)).toMatchObject({ source: 'endpoint', status: 201, body: 'made' });
  });

  it('is the default answer on a path no endpoint matches', async () => {
    t = await startTestCore();
    const reply = await post(`${t.receiver.url}/nowhere`, 'x');
    expect(await answerOf(deliveryIdOf(reply))).toMatchObject({ source: 'default', status: 200, body: reply.body.toString(), delayMs: 0 });
  });

  it('is the 413 for a body past the limit', async () => {
    t = await startTestCore({ maxBodyBytes: 16 });
    const reply = await post(`${t.receiver.url}/hooks/big`, 'x'.repeat(64));
    const answer = await answerOf(deliveryIdOf(reply));
    expect(answer).toMatchObject({ source: 'too-large', status: 413 });
    expect(answer.body).toBe(reply.body.toString());
  });

  it('says when it was not recorded (captured by an earlier version), with the status it had', async () => {
    const dbFile = tempDbFile();
    const old = new Database(dbFile);
    migrateTo(old, 7);
    old.prepare("INSERT INTO endpoints (path, response_status, response_body, created_at) VALUES ('/old', 204, '', 0)").run();
    old.prepare(`INSERT INTO deliveries (received_at, method, path, body_size, endpoint_id, endpoint_path, verdict, response_status, verification, headers, body)
      VALUES (0, 'POST', '/old', 2, 1, '/old', 'unsigned', 204, '{"status":"unsigned","provider":null,"reason":"r","hints":[]}', '[]', x'7b7d')`).run();
    old.close();
    t = await startTestCore({ dbFile });
    expect(await answerOf(1)).toEqual({ source: 'not-recorded', status: 204, headers: [], body: '', delayMs: 0 });
    // The endpoint that existed before the upgrade has its settings versioned: new captures record them.
    const id = deliveryIdOf(await post(`${t.receiver.url}/old`, '{}'));
    expect(await answerOf(id)).toMatchObject({ source: 'endpoint', status: 204 });
  });

  it('does not version an endpoint edit that leaves the response as it was', async () => {
    t = await startTestCore();
    const endpoint = (await t.core.dispatch('endpoints.create', { path: '/hooks/a', secret: 'one' })) as { id: number };
    await t.core.dispatch('endpoints.update', { id: endpoint.id, patch: { secret: 'two' } });
    const versions = t.core.ctx.store.db.prepare('SELECT count(*) FROM endpoint_responses').pluck().get();
    expect(versions).toBe(1);
  });
});

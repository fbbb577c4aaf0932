// Checking a delivery again uses the endpoint it is attached to as that endpoint is now: its current
// secrets, even after its path was changed; and, once it is deleted, one at the path it arrived at.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Verification } from '../../../shared/domain.js';
import { AGILETUNE, signedRequest } from '../../fixtures/seed-signers.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { removeTempDirs } from '../../support/temp.js';
import { deliveryIdOf, post } from '../faults/support.js';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});
afterAll(removeTempDirs);

const BODY = Buffer.from('{"event":"task.created","data":{"id":"tsk_1"}}');
const signedWith = (secret: string) => Object.fromEntries(signedRequest(AGILETUNE, BODY, secret).headers.map((h) => [h.name, h.value]));

describe('checking a delivery again', () => {
  it('uses its endpoint after the endpoint moved to another path', async () => {
    t = await startTestCore();
    const endpoint = (await t.core.dispatch('endpoints.create', { path: '/hooks/old', provider: 'agiletune', secret: 'first' })) as { id: number };
    const id = deliveryIdOf(await post(`${t.receiver.url}/hooks/old`, BODY, { headers: signedWith('second') }));
    expect(((await t.core.dispatch('deliveries.get', { id })) as { verification: Verification }).verification.status).toBe('invalid');

    await t.core.dispatch('endpoints.update', { id: endpoint.id, patch: { path: '/hooks/new', secret: 'second' } });
    const again = (await t.core.dispatch('deliveries.verify', { id })) as Verification;
    expect(again).toMatchObject({ status: 'valid', provider: 'agiletune' });
  });

  it('falls back to an endpoint at the path it arrived at once its own is deleted', async () => {
    t = await startTestCore();
    const first = (await t.core.dispatch('endpoints.create', { path: '/hooks/a', provider: 'agiletune', secret: 'first' })) as { id: number };
    const id = deliveryIdOf(await post(`${t.receiver.url}/hooks/a`, BODY, { headers: signedWith('second') }));
    await t.core.dispatch('endpoints.delete', { id: first.id });
    await t.core.dispatch('endpoints.create', { path: '/hooks/a', provider: 'agiletune', secret: 'second' });
    expect(await t.core.dispatch('deliveries.verify', { id })).toMatchObject({ status: 'valid' });
  });

  it('redacts the secret of its endpoint in an export after the endpoint moved to another path', async () => {
    t = await startTestCore();
    const endpoint = (await t.core.dispatch('endpoints.create', { path: '/hooks/old', provider: 'agiletune', secret: 'moved-secret-42' })) as { id: number };
    const echoed = Buffer.from('{"echo":"moved-secret-42"}');
    const id = deliveryIdOf(await post(`${t.receiver.url}/hooks/old`, echoed, { headers: { 'X-Echo': 'moved-secret-42' } }));
    await t.core.dispatch('endpoints.update', { id: endpoint.id, patch: { path: '/hooks/new' } });
    const { content } = (await t.core.dispatch('export.deliveries', { ids: [id], format: 'json', redact: true })) as { content: string };
    expect(content).not.toContain('moved-secret-42');
  });
});

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

describe('checking many deliveries again', () => {
  it('checks every delivery of an endpoint with its new secret, and leaves other endpoints\' alone', async () => {
    t = await startTestCore();
    const endpoint = (await t.core.dispatch('endpoints.create', { path: '/hooks/a', provider: 'agiletune', secret: 'old' })) as { id: number };
    await t.core.dispatch('endpoints.create', { path: '/hooks/b', provider: 'agiletune', secret: 'old' });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(deliveryIdOf(await post(`${t.receiver.url}/hooks/a`, BODY, { headers: signedWith('new') })));
    const other = deliveryIdOf(await post(`${t.receiver.url}/hooks/b`, BODY, { headers: signedWith('new') }));
    await t.core.dispatch('endpoints.update', { id: endpoint.id, patch: { secret: 'new' } });

    expect(await t.core.dispatch('deliveries.verifyMany', { endpoint: '/hooks/a' })).toEqual({ checked: 3, changed: 3, byVerdict: { valid: 3 } });
    for (const id of ids) expect(((await t.core.dispatch('deliveries.get', { id })) as { verification: Verification }).verification.status).toBe('valid');
    expect(((await t.core.dispatch('deliveries.get', { id: other })) as { verification: Verification }).verification.status).toBe('invalid');
    // Again: nothing changes the second time.
    expect(await t.core.dispatch('deliveries.verifyMany', { endpoint: '/hooks/a/' })).toMatchObject({ checked: 3, changed: 0 });
  });

  it('checks the marked ones by id, skipping ids that are gone', async () => {
    t = await startTestCore();
    await t.core.dispatch('endpoints.create', { path: '/hooks/a', provider: 'agiletune', secret: 'right' });
    const good = deliveryIdOf(await post(`${t.receiver.url}/hooks/a`, BODY, { headers: signedWith('right') }));
    const bad = deliveryIdOf(await post(`${t.receiver.url}/hooks/a`, BODY, { headers: signedWith('wrong') }));
    expect(await t.core.dispatch('deliveries.verifyMany', { ids: [good, bad, 9999] })).toEqual({ checked: 2, changed: 0, byVerdict: { valid: 1, invalid: 1 } });
  });

  it('refuses both ids and an endpoint, or neither', async () => {
    t = await startTestCore();
    await expect(t.core.dispatch('deliveries.verifyMany', { ids: [1], endpoint: '/a' })).rejects.toThrow(/either ids or endpoint/);
    await expect(t.core.dispatch('deliveries.verifyMany', {})).rejects.toThrow(/either ids or endpoint/);
  });
});

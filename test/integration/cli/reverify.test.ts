// `hookscope reverify`: stored verdicts checked again after an endpoint's secret changed, from the CLI.
import { afterAll, describe, expect, it } from 'vitest';
import { AGILETUNE, signedRequest } from '../../fixtures/seed-signers.js';
import { runCli } from '../../support/cli.js';
import { startTestCore } from '../../support/core.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { deliveryIdOf, post } from '../faults/support.js';

afterAll(removeTempDirs);

const BODY = Buffer.from('{"event":"task.created"}');
const signedWith = (secret: string) => Object.fromEntries(signedRequest(AGILETUNE, BODY, secret).headers.map((h) => [h.name, h.value]));

async function twoStaleDeliveries(dbFile: string): Promise<number[]> {
  const t = await startTestCore({ dbFile });
  try {
    await t.core.dispatch('endpoints.create', { path: '/hooks/at', provider: 'agiletune', secret: 'old' });
    const ids = [];
    for (let i = 0; i < 2; i++) ids.push(deliveryIdOf(await post(`${t.receiver.url}/hooks/at`, BODY, { headers: signedWith('new') })));
    return ids;
  } finally {
    await t.close();
  }
}

// Each run spawns the CLI (tsx): a few seconds apiece on a loaded machine.
describe('hookscope reverify', { timeout: 90_000 }, () => {
  it('checks every delivery of an endpoint again after its secret changed', async () => {
    const db = tempDbFile();
    await twoStaleDeliveries(db);
    expect((await runCli(['endpoints', 'update', '/hooks/at', '--secret', 'new', '--db', db])).code).toBe(0);
    const run = await runCli(['reverify', '--endpoint', '/hooks/at', '--json', '--db', db]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ checked: 2, changed: 2, byVerdict: { valid: 2 } });
    const listed = JSON.parse((await runCli(['deliveries', '--json', '--db', db])).stdout) as Array<{ verification: { status: string } }>;
    expect(listed.map((d) => d.verification.status)).toEqual(['valid', 'valid']);
  });

  it('checks the deliveries named by id, and says what changed', async () => {
    const db = tempDbFile();
    const [first] = await twoStaleDeliveries(db);
    await runCli(['endpoints', 'update', '/hooks/at', '--secret', 'new', '--db', db]);
    const run = await runCli(['reverify', String(first), '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('checked 1 deliveries (now 1 valid); 1 changed verdict\n');
  });

  it('is bad usage with neither ids nor an endpoint', async () => {
    const run = await runCli(['reverify', '--db', tempDbFile()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/give delivery ids or --endpoint/);
  });
});

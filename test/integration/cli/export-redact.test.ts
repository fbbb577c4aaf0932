// `hookscope export --redact` on real captures, in every format: credentials carried by convention
// (a query token, X-Api-Key, X-Auth-Token, a form body's token field) leave no trace, beside the
// signature headers and the endpoint's secret, and what is not a credential is kept.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../../shared/export/index.js';
import { runCli } from '../../support/cli.js';
import { startTestCore } from '../../support/core.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { post } from '../replay/handler.js';

const SECRET = 'endpoint-s3cret';
const LEAKS = ['SUPERSECRETQ', 'KEY123', 'AUTHTOKEN9', 'FORMTOKEN7', 'APIKEYQ', SECRET];
const db = tempDbFile();
const ids: number[] = [];

beforeAll(async () => {
  const t = await startTestCore({ dbFile: db });
  await t.core.dispatch('endpoints.create', { path: '/hooks/agile', provider: 'agiletune', secret: SECRET });
  const json = Buffer.from(`{"echo":"${SECRET}","n":1}`);
  ids.push(
    (
      await post(t.receiver.url, '/hooks/agile?token=SUPERSECRETQ&page=2&api_key=APIKEYQ', json, [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'X-AgileTune-Signature', value: createHmac('sha256', SECRET).update(json).digest('hex') },
        { name: 'X-Api-Key', value: 'KEY123' },
        { name: 'X-Auth-Token', value: 'AUTHTOKEN9' },
        { name: 'X-Request-Id', value: 'req-77' },
      ])
    ).id,
  );
  const form = Buffer.from('token=FORMTOKEN7&team_id=T0001&command=%2Fdeploy');
  ids.push((await post(t.receiver.url, '/slack/commands', form, [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }])).id);
  await t.close();
});
afterAll(removeTempDirs);

describe('hookscope export --redact', () => {
  it.each(EXPORT_FORMATS)('--format %s leaves no credential and keeps the rest', async (format) => {
    const out = await runCli(['export', ...ids.map(String), '--format', format, '--redact', '--db', db]);
    expect(out.code).toBe(0);
    for (const leak of LEAKS) expect(out.stdout, leak).not.toContain(leak);
    for (const kept of ['page=2', 'req-77', 'team_id=T0001', 'echo']) expect(out.stdout).toContain(kept);
  });

  it('without --redact exports the credentials as captured', async () => {
    const out = await runCli(['export', ...ids.map(String), '--format', 'json', '--db', db]);
    expect(out.code).toBe(0);
    for (const leak of LEAKS) expect(out.stdout).toContain(leak);
  });
});

import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startServe, type ServeInfo } from '../../support/cli.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';

afterAll(removeTempDirs);

describe('hookscope CLI', () => {
  const db = tempDbFile();
  let serve: ServeInfo;
  const body = Buffer.from('{"event": "task.updated", "data": {"title": "Café ☕"}}\n');
  let validId = 0;

  beforeAll(async () => {
    const added = await runCli(['endpoints', 'add', '/hooks/agile', '--provider', 'agiletune', '--secret', 's3cret', '--status', '202', '--db', db]);
    expect(added.code).toBe(0);
    serve = await startServe(db);
    const sig = createHmac('sha256', 's3cret').update(body).digest('hex');
    const res = await fetch(`${serve.receiverUrl}/hooks/agile?attempt=1`, {
      method: 'POST',
      headers: { 'X-AgileTune-Signature': sig, 'Content-Type': 'application/json' },
      body,
    });
    expect(res.status).toBe(202);
    validId = Number(res.headers.get('x-hookscope-delivery'));
    await fetch(`${serve.receiverUrl}/hooks/agile`, { method: 'POST', headers: { 'X-AgileTune-Signature': 'deadbeef' }, body: '{}' });
  }, 60_000);

  afterAll(async () => {
    await serve?.stop();
  });

  it('serve --json prints the receiver URL, the UI URL with its token, the token and the db', () => {
    expect(serve.receiverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(serve.uiUrl).toBe(`${serve.apiUrl}/#token=${serve.token}`);
    expect(serve.db).toBe(db);
    expect(new URL(serve.receiverUrl).port).not.toBe(new URL(serve.apiUrl).port);
  });

  it('endpoints list --json shows the endpoint with its response', async () => {
    const out = await runCli(['endpoints', 'list', '--json', '--db', db]);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual([expect.objectContaining({ path: '/hooks/agile', provider: 'agiletune', response: expect.objectContaining({ status: 202 }) })]);
  });

  it('deliveries --json lists newest first in the documented shape', async () => {
    const out = await runCli(['deliveries', '--json', '--db', db]);
    expect(out.code).toBe(0);
    const rows = JSON.parse(out.stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({
      id: validId,
      method: 'POST',
      path: '/hooks/agile',
      endpoint: '/hooks/agile',
      provider: 'agiletune',
      size: body.length,
      truncated: false,
      event: 'task.updated',
      verification: { status: 'valid', provider: 'agiletune', hints: [] },
    });
    expect(typeof rows[1]!.receivedAt).toBe('string');
    expect((rows[0]!.verification as { status: string }).status).toBe('invalid');
  });

  it('deliveries filters by verdict and provider', async () => {
    const valid = JSON.parse((await runCli(['deliveries', '--verdict', 'valid', '--provider', 'agiletune', '--json', '--db', db])).stdout);
    expect(valid.map((d: { id: number }) => d.id)).toEqual([validId]);
  });

  it('show --json gives everything including headers in order', async () => {
    const out = await runCli(['show', String(validId), '--json', '--db', db]);
    const detail = JSON.parse(out.stdout);
    expect(detail).toMatchObject({ id: validId, query: 'attempt=1', bodyText: body.toString('utf8'), responseStatus: 202 });
    expect(detail.headers.map((h: { name: string }) => h.name.toLowerCase())).toContain('x-agiletune-signature');
  });

  it('show --body writes the exact body bytes and nothing else', async () => {
    const out = await runCli(['show', String(validId), '--body', '--db', db]);
    expect(out.stdoutBytes.equals(body)).toBe(true);
  });

  it('stats --json counts deliveries', async () => {
    const stats = JSON.parse((await runCli(['stats', '--json', '--db', db])).stdout);
    expect(stats).toMatchObject({ deliveries: 2, endpoints: 1, byVerdict: { valid: 1, invalid: 1 } });
  });

  it('verify checks a saved request offline and exits 0 only when it is valid', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'body.json');
    fs.writeFileSync(file, body);
    const sig = createHmac('sha256', 's3cret').update(body).digest('hex');
    const ok = await runCli(['verify', '--provider', 'agiletune', '--secret', 's3cret', '--header', `X-AgileTune-Signature: ${sig}`, '--body-file', file, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'valid', provider: 'agiletune' });
    const reserialised = createHmac('sha256', 's3cret').update(JSON.stringify(JSON.parse(body.toString()))).digest('hex');
    const bad = await runCli(['verify', '--provider', 'agiletune', '--secret', 's3cret', '--header', `X-AgileTune-Signature: ${reserialised}`, '--body-file', file]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/INVALID/);
    expect(bad.stdout).toMatch(/re-serialised JSON/);
  });

  it('bad usage exits 2 with one line on stderr', async () => {
    const out = await runCli(['deliveries', '--verdict', 'bogus', '--db', db]);
    expect(out.code).toBe(2);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(/--verdict must be one of/);
    const unknown = await runCli(['endpoints', 'add', '/x', '--provider', 'nope', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown provider "nope"/);
  });

  it('a failure exits 1 with a clear message', async () => {
    const out = await runCli(['show', '99999', '--db', db]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe('hookscope: no delivery with id 99999\n');
  });

  it('the control API refuses calls without the token', async () => {
    const res = await fetch(`${serve.apiUrl}/api/call/deliveries.list`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    const foreign = await fetch(`${serve.apiUrl}/api/call/deliveries.list`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${serve.token}`, Origin: 'https://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
  });

  it('serve stops cleanly on SIGTERM', async () => {
    const other = await startServe(tempDbFile());
    expect(await other.stop('SIGTERM')).toBe(0);
  });
});

import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../support/cli.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';

afterAll(removeTempDirs);

describe('custom providers from files', () => {
  const dir = tempDir();
  fs.copyFileSync(path.join(ROOT, 'examples/providers/acme.yaml'), path.join(dir, 'acme.yaml'));
  const env = { HOOKSCOPE_PROVIDERS: dir };

  it('providers check accepts the example file', async () => {
    const out = await runCli(['providers', 'check', path.join(dir, 'acme.yaml')]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/provider "acme"/);
  });

  it('providers check names the field at fault and exits 2', async () => {
    const bad = path.join(tempDir(), 'bad.yaml');
    fs.writeFileSync(bad, fs.readFileSync(path.join(dir, 'acme.yaml'), 'utf8').replace('algorithm: sha256', 'algorithm: sha384'));
    const out = await runCli(['providers', 'check', bad]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/signature\.algorithm: expected one of sha1\|sha256\|sha512/);
  });

  it('a provider file in $HOOKSCOPE_PROVIDERS is listed, usable on an endpoint, and verified offline', async () => {
    const db = tempDbFile();
    const list = await runCli(['providers', 'list', '--json', '--db', db], { env });
    expect(JSON.parse(list.stdout).map((p: { id: string }) => p.id)).toContain('acme');
    expect((await runCli(['endpoints', 'add', '/hooks/acme', '--provider', 'acme', '--secret', 'k', '--db', db], { env })).code).toBe(0);
    const body = path.join(tempDir(), 'body.json');
    fs.writeFileSync(body, '{"type":"order.paid"}');
    const sig = createHmac('sha256', 'k').update('{"type":"order.paid"}').digest('hex');
    const verify = await runCli(['verify', '--provider', 'acme', '--secret', 'k', '--header', `X-Acme-Signature: sha256=${sig}`, '--body-file', body], { env });
    expect(verify.code).toBe(0);
  });

  it('providers snippet prints a verification handler', async () => {
    const out = await runCli(['providers', 'snippet', 'agiletune', '--lang', 'python']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/compare_digest/);
  });
});

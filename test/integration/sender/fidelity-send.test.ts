// Issue #20 from the sender's side, as a user runs it: `hookscope send` in a child process against a
// real handler on 127.0.0.1. Payload marks in its output, the other reading of each document's attempt
// count, Workspace's headers and pretty-printed body, AgileTune's form content type.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../support/cli.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';
import { header, startHandler, type ScriptedHandler } from './support/handler.js';
import { MIN } from './support/sender.js';

// Several CLI processes per test: each takes seconds on a loaded machine, none of it waiting on a clock.
vi.setConfig({ testTimeout: 90_000 });

let failing: ScriptedHandler;
let noContent: ScriptedHandler;
let ok: ScriptedHandler;
const db = tempDbFile();

beforeAll(async () => {
  failing = await startHandler(() => 500);
  noContent = await startHandler(() => 204);
  ok = await startHandler(() => 200);
});
afterAll(async () => {
  await Promise.all([failing.close(), noContent.close(), ok.close()]);
  removeTempDirs();
});

const send = (...args: string[]) => runCli(['send', '--db', db, '--virtual', ...args]);
const offsets = (run: { attempts: Array<{ offsetMs: number }> }) => run.attempts.map((a) => a.offsetMs);

describe('item 1: send shows what of the payload the document shows', () => {
  it('--json carries the event\'s payload mark, and null for a --data body', async () => {
    const out = await send('--provider', 'almirant', '--event', 'lead.created', '--to', ok.url, '--json');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ fidelity: { kind: 'invented', documented: ['type'], invented: ['id', 'created_at', 'data'] } });
    const file = path.join(tempDir(), 'mine.json');
    fs.writeFileSync(file, '{"type":"lead.created"}');
    const mine = await send('--provider', 'almirant', '--event', 'lead.created', '--data', file, '--to', ok.url, '--json');
    expect(JSON.parse(mine.stdout)).toMatchObject({ fidelity: null });
  });

  it('prints the mark before sending', async () => {
    const out = await send('--provider', 'aptly', '--event', 'card.created', '--to', ok.url);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('payload card.created: extended: not in the document: Phone, Company, Card ID, Updated At');
  });
});

describe('item 2: --retry-reading document-count plays the count each document states', () => {
  it('AgileTune: five attempts in all', async () => {
    const out = await send('--provider', 'agiletune', '--event', 'task.created', '--to', failing.url, '--retry-reading', 'document-count', '--json');
    const run = JSON.parse(out.stdout);
    expect(run).toMatchObject({ status: 'failing', retryReading: 'document-count' });
    expect(offsets(run)).toEqual([0, MIN, 6 * MIN, 36 * MIN, 156 * MIN]);
  });

  it('Workspace: three attempts in all', async () => {
    const run = JSON.parse((await send('--provider', 'workspace', '--event', 'task.created', '--to', failing.url, '--retry-reading', 'document-count', '--json')).stdout);
    expect(run.status).toBe('disabled');
    expect(offsets(run)).toEqual([0, MIN, 6 * MIN]);
  });

  it('Almirant: the table as retries after an immediate first attempt', async () => {
    const run = JSON.parse((await send('--provider', 'almirant', '--event', 'lead.created', '--to', failing.url, '--retry-reading', 'document-count', '--json')).stdout);
    expect(run.status).toBe('failed');
    expect(offsets(run)).toEqual([0, 0, MIN, 6 * MIN, 36 * MIN, 156 * MIN]);
  });

  it('says which reading it plays, and refuses a provider whose document states no other count', async () => {
    const out = await send('--provider', 'agiletune', '--event', 'task.created', '--to', ok.url);
    expect(out.stdout).toContain('(the other: --retry-reading document-count)');
    const aptly = await send('--provider', 'aptly', '--event', 'card.created', '--to', ok.url, '--retry-reading', 'document-count');
    expect(aptly.code).toBe(2);
    expect(aptly.stderr).toMatch(/--retry-reading document-count applies only/);
  });

  it('--success any-2xx plays the other reading of Workspace\'s "Returns 200"', async () => {
    const strict = JSON.parse((await send('--provider', 'workspace', '--event', 'task.created', '--to', noContent.url, '--max-attempts', '1', '--json')).stdout);
    expect(strict.attempts[0]).toMatchObject({ status: 204, error: 'status 204' });
    const loose = JSON.parse((await send('--provider', 'workspace', '--event', 'task.created', '--to', noContent.url, '--success', 'any-2xx', '--json')).stdout);
    expect(loose).toMatchObject({ status: 'delivered', attempts: [{ status: 204, error: null }] });
  });
});

describe('item 4: Workspace', () => {
  it('a send without a secret still carries X-Webhook-Timestamp (and X-Webhook-ID), but no signature', async () => {
    const before = ok.received.length;
    const out = await send('--provider', 'workspace', '--event', 'task.created', '--to', ok.url);
    expect(out.code).toBe(0);
    const got = ok.received[before]!;
    const ts = Number(header(got, 'X-Webhook-Timestamp'));
    expect(Math.abs(ts - got.atMs / 1000)).toBeLessThan(60);
    expect(header(got, 'X-Webhook-ID')).toBe('webhook_123');
    expect(header(got, 'X-Webhook-Signature')).toBeUndefined();
  });

  it('--pretty-body makes the document\'s re-serialising handler fail, while a raw-body handler still verifies', async () => {
    const secret = 'ws-secret';
    // The document's sample handler, its missing prefix strip fixed, so only re-serialisation is at fault.
    const documentHandler = (raw: Buffer, sig: string) => createHmac('sha256', secret).update(JSON.stringify(JSON.parse(raw.toString('utf8')))).digest('hex') === sig.replace(/^sha256=/, '');
    const rawHandler = (raw: Buffer, sig: string) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}` === sig;
    const verdicts = async (...extra: string[]) => {
      const before = ok.received.length;
      expect((await send('--provider', 'workspace', '--event', 'task.created', '--secret', secret, '--to', ok.url, ...extra)).code).toBe(0);
      const got = ok.received[before]!;
      const sig = header(got, 'X-Webhook-Signature')!;
      return { body: got.body.toString('utf8'), document: documentHandler(got.body, sig), raw: rawHandler(got.body, sig) };
    };
    const compact = await verdicts();
    expect(compact).toMatchObject({ document: true, raw: true });
    const pretty = await verdicts('--pretty-body');
    expect(pretty.body).toContain('\n  "event": "task.created"');
    expect(pretty).toMatchObject({ document: false, raw: true });
  });

  it('refuses --pretty-body with a --data body, which is sent byte for byte', async () => {
    const file = path.join(tempDir(), 'x.json');
    fs.writeFileSync(file, '{}');
    const out = await send('--provider', 'workspace', '--event', 'task.created', '--data', file, '--pretty-body', '--to', ok.url);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--pretty-body/);
  });
});

describe('item 5: AgileTune --content-type form', () => {
  it('sends payload=<url-encoded JSON> as a form, signed over the bytes sent', async () => {
    const before = ok.received.length;
    const out = await send('--provider', 'agiletune', '--event', 'task.updated', '--secret', 'at-secret', '--content-type', 'form', '--to', ok.url);
    expect(out.code).toBe(0);
    const got = ok.received[before]!;
    expect(header(got, 'Content-Type')).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(got.body.toString('utf8'));
    expect([...form.keys()]).toEqual(['payload']);
    expect(JSON.parse(form.get('payload')!)).toMatchObject({ event: 'task.updated', data: { id: 'tsk_abc123' } });
    expect(header(got, 'X-AgileTune-Signature')).toBe(createHmac('sha256', 'at-secret').update(got.body).digest('hex'));
  });

  it('refuses a form body for a provider whose document names only JSON', async () => {
    const out = await send('--provider', 'almirant', '--event', 'lead.created', '--content-type', 'form', '--to', ok.url);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/Almirant's document offers only json bodies/);
  });
});

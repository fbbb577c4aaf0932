// Workspace's X-Webhook-ID names the webhook (its document shows `X-Webhook-ID: webhook_123`, the
// body's `webhook_id`), not the delivery: the mock sender sends the body's, the same on every attempt,
// and a re-signed replay keeps the captured one while it refreshes the signature and the timestamp.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerValue } from '../../../shared/headers.js';
import { runCli } from '../../support/cli.js';
import { startTestCore } from '../../support/core.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { post, startHandler, type TestHandler } from '../replay/handler.js';

const SECRET = 'ws-secret';
const cleanupDirs: string[] = [];
const db = tempDbFile();
let handler: TestHandler;

beforeAll(async () => {
  handler = await startHandler();
});
afterAll(async () => {
  await handler?.close();
  for (const dir of cleanupDirs) fs.rmSync(dir, { recursive: true, force: true });
  removeTempDirs();
});

describe('Workspace X-Webhook-ID', () => {
  it('hookscope send gives every attempt the X-Webhook-ID of the body\'s webhook_id', async () => {
    const out = await runCli(['send', '--provider', 'workspace', '--events', 'task.created,task.updated', '--secret', SECRET, '--to', handler.url, '--virtual', '--db', db]);
    expect(out.code).toBe(0);
    const got = await handler.waitFor(2);
    for (const req of got) {
      const body = JSON.parse(req.body.toString('utf8')) as { webhook_id: string };
      expect(headerValue(req.headers, 'X-Webhook-ID')).toBe(body.webhook_id);
      expect(req.headers.filter((h) => h.name.toLowerCase() === 'x-webhook-id')).toHaveLength(1);
      expect(headerValue(req.headers, 'X-Webhook-Signature')).toBe(`sha256=${createHmac('sha256', SECRET).update(req.body).digest('hex')}`);
    }
  });

  it('hookscope send --data names the webhook of the body it sends (webhook_123 for a body without one)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-ws-data-'));
    cleanupDirs.push(dir);
    const named = path.join(dir, 'named.json');
    const plain = path.join(dir, 'plain.json');
    fs.writeFileSync(named, '{"event":"task.created","webhook_id":"webhook_77","data":{"id":"task_1"}}');
    fs.writeFileSync(plain, '{"event":"task.created","data":{"id":"task_2"}}');
    handler.received.length = 0;
    for (const file of [named, plain]) {
      const out = await runCli(['send', '--provider', 'workspace', '--event', 'task.created', '--data', file, '--secret', SECRET, '--to', handler.url, '--virtual', '--db', db]);
      expect(out.code).toBe(0);
    }
    const got = await handler.waitFor(2);
    expect(got.map((req) => headerValue(req.headers, 'X-Webhook-ID'))).toEqual(['webhook_77', 'webhook_123']);
  });

  it('a re-signed replay keeps the captured X-Webhook-ID and still verifies', async () => {
    const t = await startTestCore({ dbFile: db });
    await t.core.dispatch('endpoints.create', { path: '/hooks/ws', provider: 'workspace', secret: SECRET });
    const body = Buffer.from('{"event":"task.created","timestamp":"2025-10-14T10:30:00Z","webhook_id":"webhook_42","data":{"id":"task_1"}}');
    const { id } = await post(t.receiver.url, '/hooks/ws', body, [
      { name: 'Content-Type', value: 'application/json' },
      { name: 'X-Webhook-Signature', value: `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
      { name: 'X-Webhook-ID', value: 'webhook_42' },
      { name: 'X-Webhook-Timestamp', value: '1634234567' },
    ]);
    await t.close();
    handler.received.length = 0;

    const out = await runCli(['replay', String(id), '--to', handler.url, '--resign', '--db', db]);
    expect(out.code).toBe(0);
    const [got] = await handler.waitFor(1);
    expect(headerValue(got!.headers, 'X-Webhook-ID')).toBe('webhook_42');
    expect(headerValue(got!.headers, 'X-Webhook-Timestamp')).not.toBe('1634234567');
    expect(headerValue(got!.headers, 'X-Webhook-Signature')).toBe(`sha256=${createHmac('sha256', SECRET).update(got!.body).digest('hex')}`);
  });
});

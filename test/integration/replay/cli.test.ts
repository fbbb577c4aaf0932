import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Replay } from '../../../shared/api/replay.js';
import type { DeliveryDetail, HeaderField } from '../../../shared/domain.js';
import { HOP_BY_HOP } from '../../../electron/core/http/outbound.js';
import { runCli } from '../../support/cli.js';
import { startTestCore } from '../../support/core.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { harSchema } from '../../unit/shared/export/har-schema.js';
import { messageHeaders, post, startHandler, type TestHandler } from './handler.js';

const SECRET = 's3cret-for-cli';
const FIRST = Buffer.from('{"event":"task.updated","data":{"id":"tsk_1","status":"todo","title":"Draft"}}');
const SECOND = Buffer.from('{"event":"task.updated","data":{"id":"tsk_1","status":"done","title":"Draft","closed_by":"ana"}}');
const BINARY = Buffer.from([0x00, 0xff, 0x27, 0x0a, 0x80, 0x24, 0x28]);
const sign = (body: Buffer): HeaderField[] => [
  { name: 'Content-Type', value: 'application/json' },
  { name: 'X-AgileTune-Signature', value: createHmac('sha256', SECRET).update(body).digest('hex') },
];

const db = tempDbFile();
const ids = { first: 0, second: 0, binary: 0 };
let handler: TestHandler;

beforeAll(async () => {
  const t = await startTestCore({ dbFile: db });
  await t.core.dispatch('endpoints.create', { path: '/hooks/agile', provider: 'agiletune', secret: SECRET });
  ids.first = (await post(t.receiver.url, '/hooks/agile?n=1', FIRST, sign(FIRST))).id;
  ids.second = (await post(t.receiver.url, '/hooks/agile?n=2', SECOND, [...sign(SECOND), { name: 'X-Retry', value: '1' }])).id;
  ids.binary = (await post(t.receiver.url, '/hooks/agile/bin', BINARY, [{ name: 'Content-Type', value: 'application/octet-stream' }])).id;
  await t.close();
  handler = await startHandler();
});
beforeEach(() => {
  handler.received.length = 0;
});
afterAll(async () => {
  await handler?.close();
  removeTempDirs();
});

/** Runs a script with sh (asynchronously: the handler it talks to lives in this process). */
const shell = (script: string) =>
  new Promise<string>((resolve) => execFile('sh', ['-c', script], { timeout: 15_000 }, (err, _stdout, stderr) => resolve(err ? `${err.message} ${stderr}` : stderr)));
const cli = (...args: string[]) => runCli([...args, '--db', db]);
const detailOf = async (id: number) => JSON.parse((await cli('show', String(id), '--json')).stdout) as DeliveryDetail & { replays: Replay[] };

describe('hookscope replay', () => {
  it('replay --again sends a delivery to where its last replay went, the way that one was sent', async () => {
    await cli('replay', String(ids.second), '--to', `${handler.url}/first-target`);
    await cli('replay', String(ids.second), '--to', handler.url, '--resign');
    handler.received.length = 0;
    const out = await cli('replay', String(ids.second), '--again', '--json');
    expect(out.code).toBe(0);
    const { replays } = JSON.parse(out.stdout) as { replays: Replay[] };
    expect(replays).toEqual([expect.objectContaining({ deliveryId: ids.second, target: handler.url, mode: 're-signed', error: null })]);
    expect(handler.received).toHaveLength(1);
    expect(handler.received[0]!.url).toBe('/hooks/agile?n=2');
  }, 90_000); // three CLI runs

  it('replay --again of a delivery never replayed is bad usage, and so is neither --to nor --again', async () => {
    const never = await cli('replay', String(ids.binary), '--again');
    expect(never.code).toBe(2);
    expect(never.stderr).toMatch(/never replayed: give --to <url>/);
    const neither = await cli('replay', String(ids.first));
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/give --to <url>, or --again/);
  }, 60_000);

  it('replay --json sends the delivery and prints the recorded replay', async () => {
    const out = await cli('replay', String(ids.first), '--to', handler.url, '--json');
    expect(out.code).toBe(0);
    const { replays } = JSON.parse(out.stdout) as { replays: Replay[] };
    expect(replays).toEqual([expect.objectContaining({ deliveryId: ids.first, mode: 'as-captured', error: null, response: expect.objectContaining({ status: 200 }) })]);
    expect(handler.received[0]!.body.equals(FIRST)).toBe(true);
    expect(handler.received[0]!.url).toBe('/hooks/agile?n=1');
  });

  it('replay with an edited body re-signs the new bytes by default', async () => {
    const out = await runCli(['replay', String(ids.first), '--to', `${handler.url}/x`, '--body-file', '-', '--header', 'X-Edited: yes', '--db', db], { input: '{"edited":true}' });
    expect(out.code).toBe(0);
    const got = handler.received[0]!;
    expect(got.body.toString()).toBe('{"edited":true}');
    expect(got.headers).toContainEqual({ name: 'X-AgileTune-Signature', value: createHmac('sha256', SECRET).update('{"edited":true}').digest('hex') });
    expect(got.headers).toContainEqual({ name: 'X-Edited', value: 'yes' });
  });

  it('replay --no-resign sends an edit with the old signature', async () => {
    const out = await runCli(['replay', String(ids.first), '--to', handler.url, '--body-file', '-', '--no-resign', '--db', db], { input: '{}' });
    expect(out.code).toBe(0);
    expect(handler.received[0]!.headers).toContainEqual(sign(FIRST)[1]);
  });

  it('replay --resign --secret signs with the secret given', async () => {
    const out = await cli('replay', String(ids.first), '--to', handler.url, '--resign', '--secret', 'other', '--json');
    expect(out.code).toBe(0);
    expect((JSON.parse(out.stdout) as { replays: Replay[] }).replays[0]!.mode).toBe('re-signed');
    expect(handler.received[0]!.headers).toContainEqual({ name: 'X-AgileTune-Signature', value: createHmac('sha256', 'other').update(FIRST).digest('hex') });
  });

  it('replays several ids in the order given', async () => {
    const out = await cli('replay', String(ids.second), String(ids.first), '--to', handler.url);
    expect(out.code).toBe(0);
    expect(handler.received.map((r) => r.url)).toEqual(['/hooks/agile?n=2', '/hooks/agile?n=1']);
  });

  it('exits 1 with the refusal when the target is not loopback', async () => {
    const out = await cli('replay', String(ids.first), '--to', 'http://10.255.255.1:9/');
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/--allow-host 10\.255\.255\.1/);
  });

  it('exits 1 when the connection fails', async () => {
    const closed = await startHandler();
    await closed.close();
    const out = await cli('replay', String(ids.first), '--to', closed.url);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/failed \(refused\)/);
  });

  it('exits 2 without --to', async () => {
    expect((await cli('replay', String(ids.first))).code).toBe(2);
  });

  it('show --json includes the delivery replays', async () => {
    await cli('replay', String(ids.second), '--to', handler.url);
    const detail = await detailOf(ids.second);
    expect(detail.id).toBe(ids.second);
    expect(detail.replays.length).toBeGreaterThan(0);
    expect(detail.replays.at(-1)).toMatchObject({ deliveryId: ids.second, target: handler.url, response: { status: 200 } });
  });
});

describe('hookscope diff', () => {
  it('diff --json lists the body changes by dotted path and the header changes', async () => {
    const out = await cli('diff', String(ids.first), String(ids.second), '--json');
    expect(out.code).toBe(0);
    const diff = JSON.parse(out.stdout) as { changes: unknown[]; headers: unknown[] };
    expect(diff.changes).toEqual([
      { path: 'data.status', kind: 'changed', old: 'todo', new: 'done' },
      { path: 'data.closed_by', kind: 'added', new: 'ana' },
    ]);
    expect(diff.headers).toContainEqual({ name: 'X-Retry', kind: 'added', new: '1' });
    expect(diff.headers).toContainEqual(expect.objectContaining({ name: 'X-AgileTune-Signature', kind: 'changed' }));
  });

  it('exits 0 with no changes for a delivery against itself', async () => {
    const out = await cli('diff', String(ids.first), String(ids.first), '--json');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ changes: [], headers: [], equal: true });
  });

  it('prints a readable diff without --json', async () => {
    const out = await cli('diff', String(ids.first), String(ids.second));
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('~ data.status: "todo" → "done"');
    expect(out.stdout).toContain('+ data.closed_by: "ana"');
  });
});

describe('hookscope export', () => {
  it('--format curl prints commands that send the same bytes and headers to the handler', async () => {
    for (const id of [ids.first, ids.binary]) {
      const out = await cli('export', String(id), '--format', 'curl', '--to', handler.url);
      expect(out.code).toBe(0);
      expect(await shell(out.stdout)).toBe('');
    }
    const [first, binary] = handler.received;
    expect(first!.body.equals(FIRST)).toBe(true);
    expect(binary!.body.equals(BINARY)).toBe(true);
    const captured = (await detailOf(ids.first)).headers.filter((h) => !HOP_BY_HOP.has(h.name.toLowerCase()));
    expect(messageHeaders(first!.headers)).toEqual(captured);
  });

  it('--format har prints a HAR 1.2 log with one entry per delivery', async () => {
    const out = await cli('export', String(ids.first), String(ids.second), '--format', 'har');
    expect(out.code).toBe(0);
    const har = harSchema.parse(JSON.parse(out.stdout));
    expect(har.log.entries.map((e) => e.request.url)).toEqual([expect.stringMatching(/\/hooks\/agile\?n=1$/), expect.stringMatching(/\/hooks\/agile\?n=2$/)]);
  });

  it('--redact hides the signature header', async () => {
    const out = await cli('export', String(ids.first), '--format', 'json', '--redact');
    expect(out.code).toBe(0);
    const exported = JSON.parse(out.stdout) as { redacted: boolean; deliveries: DeliveryDetail[] };
    expect(exported.redacted).toBe(true);
    expect(exported.deliveries[0]!.headers).toContainEqual({ name: 'X-AgileTune-Signature', value: '[REDACTED]' });
  });

  it('exits 2 on an unknown format', async () => {
    expect((await cli('export', String(ids.first), '--format', 'xml')).code).toBe(2);
  });
});

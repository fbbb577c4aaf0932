// Edited replays through the API as the UI sends them: a delivery whose provider was only detected from
// its headers, header lines Node cannot put on the wire, and repeated headers edited as text.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.js';
import type { Replay } from '../../../shared/api/replay.js';
import type { HeaderField } from '../../../shared/domain.js';
import { headerEdits, headersToText, parseHeadersText } from '../../../renderer/lib/headers-text.js';
import { AGILETUNE, signedRequest } from '../../fixtures/seed-signers.js';
import { runCli } from '../../support/cli.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { messageHeaders, post, withCoreAndHandler, type TestHandler } from './handler.js';

let t: TestCore;
let handler: TestHandler;
withCoreAndHandler((core, h) => {
  t = core;
  handler = h;
});

const SECRET = 'agile-secret';
const BODY = Buffer.from('{"event":"task.updated","data":{"id":"tsk_1"}}');
const EDITED = Buffer.from('{"event":"task.updated","data":{"id":"tsk_2"}}');
const hmacHex = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('hex');
const send = async (input: Record<string, unknown>) => ((await t.core.dispatch('replay.send', input)) as { replays: Replay[] }).replays;
const failureOf = (input: Record<string, unknown>) => send(input).then(() => null, (e: unknown) => e as ApiError);

/** An AgileTune delivery on a path with no endpoint: its provider is known only from its headers. */
async function detectedDelivery(extra: HeaderField[] = []): Promise<number> {
  const reply = await post(t.receiver.url, '/adhoc/agile', BODY, [...signedRequest(AGILETUNE, BODY, SECRET).headers, ...extra]);
  expect(reply.status).toBe(200);
  return reply.id;
}

describe('an edited delivery whose provider was detected, with no secret anywhere', () => {
  it('is refused with a message that names the API options, not CLI flags, and nothing is sent', async () => {
    const id = await detectedDelivery();
    const failure = await failureOf({ ids: [id], target: handler.url, bodyBase64: EDITED.toString('base64') });
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure!.code).toBe('bad-input');
    expect(failure!.message).toMatch(/"secret"/);
    expect(failure!.message).toMatch(/"resign": false/);
    expect(failure!.message).not.toMatch(/--/);
    expect(handler.received).toHaveLength(0);
  });

  it('a re-signed replay without a secret names the options too', async () => {
    const id = await detectedDelivery();
    const failure = await failureOf({ ids: [id], target: handler.url, mode: 're-signed' });
    expect(failure!.message).toMatch(/"secret"/);
    expect(failure!.message).toMatch(/"mode": "as-captured"/);
    expect(failure!.message).not.toMatch(/--/);
  });

  it('is sent with its old signature when told not to re-sign, and re-signed with a secret given', async () => {
    const id = await detectedDelivery();
    const [kept] = await send({ ids: [id], target: handler.url, bodyBase64: EDITED.toString('base64'), resign: false });
    const [resigned] = await send({ ids: [id], target: handler.url, bodyBase64: EDITED.toString('base64'), secret: 'typed-in' });
    const [first, second] = await handler.waitFor(2);
    expect(kept).toMatchObject({ mode: 'as-captured', edited: true, error: null });
    expect(first!.headers).toContainEqual({ name: 'X-AgileTune-Signature', value: hmacHex(SECRET, BODY) });
    expect(resigned).toMatchObject({ mode: 're-signed', edited: true, error: null });
    expect(second!.headers).toContainEqual({ name: 'X-AgileTune-Signature', value: hmacHex('typed-in', EDITED) });
  });

  it('keeps an edited (deliberately wrong) signature header when told not to re-sign', async () => {
    const id = await detectedDelivery();
    await send({ ids: [id], target: handler.url, headers: [{ name: 'X-AgileTune-Signature', value: 'deadbeef' }], resign: false });
    const [got] = await handler.waitFor(1);
    expect(got!.headers).toContainEqual({ name: 'X-AgileTune-Signature', value: 'deadbeef' });
  });

  it('the CLI words the same refusal with its flags', async () => {
    const id = await detectedDelivery();
    await t.close();
    const out = await runCli(['replay', String(id), '--to', handler.url, '--body-file', '-', '--db', t.dbFile], { input: '{}' });
    t = await startTestCore(); // afterEach closes one
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--secret/);
    expect(out.stderr).toMatch(/--no-resign/);
    expect(out.stderr).not.toMatch(/"resign": false/);
  });
});

describe('headers Node cannot send', () => {
  const cases: Array<[string, HeaderField, RegExp]> = [
    ['a value outside Latin-1', { name: 'X-Note', value: 'café ☕' }, /X-Note: café ☕/],
    ['a control character in a value', { name: 'X-Note', value: 'a\u0001b' }, /X-Note/],
    ['a space in a name', { name: 'X Note', value: 'x' }, /X Note: x/],
    ['a colon in a name', { name: 'X:Note', value: 'x' }, /X:Note/],
  ];
  it.each(cases)('%s is a bad-input error naming the header, nothing sent or recorded', async (_label, header, named) => {
    const id = await detectedDelivery();
    const failure = await failureOf({ ids: [id], target: handler.url, headers: [header], resign: false });
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure!.code).toBe('bad-input');
    expect(failure!.message).toMatch(named);
    expect(handler.received).toHaveLength(0);
    expect(((await t.core.dispatch('replays.list', { deliveryId: id })) as { items: Replay[] }).items).toHaveLength(0);
  });

  it('Latin-1 beyond ASCII is still sent', async () => {
    const id = await detectedDelivery();
    await send({ ids: [id], target: handler.url, headers: [{ name: 'X-Note', value: 'café' }], resign: false });
    const [got] = await handler.waitFor(1);
    expect(got!.headers).toContainEqual({ name: 'X-Note', value: 'café' });
  });
});

describe('repeated headers edited as text (as the replay view sends them)', () => {
  const DUPS: HeaderField[] = [
    { name: 'X-Dup', value: '1' },
    { name: 'X-Other', value: 'o' },
    { name: 'X-Dup', value: '2' },
  ];

  /** Replays the delivery with its headers text changed by `edit`, as the replay view would. */
  async function replayEditedText(id: number, edit: (text: string) => string): Promise<HeaderField[]> {
    const detail = t.core.ctx.store.deliveries.get(id)!;
    const parsed = parseHeadersText(edit(headersToText(detail.headers)));
    if (!parsed.ok) throw new Error(parsed.message);
    const { set, remove } = headerEdits(detail.headers, parsed.headers);
    await send({ ids: [id], target: handler.url, resign: false, ...(set.length ? { headers: set } : {}), ...(remove.length ? { removeHeaders: remove } : {}) });
    const got = await handler.waitFor(1);
    return messageHeaders(got[0]!.headers).filter((h) => h.name.startsWith('X-Dup'));
  }

  it('changing the second of two same-name headers keeps the first', async () => {
    const id = await detectedDelivery(DUPS);
    const sent = await replayEditedText(id, (text) => text.replace('X-Dup: 2', 'X-Dup: 3'));
    expect(sent).toEqual([{ name: 'X-Dup', value: '1' }, { name: 'X-Dup', value: '3' }]);
  });

  it('deleting one of two identical lines sends the other one only', async () => {
    const id = await detectedDelivery([{ name: 'X-Dup', value: 'same' }, { name: 'X-Dup', value: 'same' }]);
    const sent = await replayEditedText(id, (text) => text.replace('X-Dup: same\n', ''));
    expect(sent).toEqual([{ name: 'X-Dup', value: 'same' }]);
  });

  it('deleting every line of a name drops it', async () => {
    const id = await detectedDelivery(DUPS);
    const sent = await replayEditedText(id, (text) => text.replace(/^X-Dup: \d$\n?/gm, ''));
    expect(sent).toEqual([]);
  });
});

// The replay editors change only what the user changes: CRLF bodies survive untouched and edited,
// repeated headers stay repeated; an edit can keep its original (or a deliberately broken) signature,
// or be re-signed with a secret typed in; and an answer never shows under a delivery picked later.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import type { Replay } from '../../shared/api/replay.js';
import type { DeliveryDetail } from '../../shared/domain.js';
import { startHandler, type Handler } from './support/handler.js';
import { expect, openUi, test, type Hookscope } from './fixtures.js';

let handler: Handler;
test.beforeEach(async () => {
  handler = await startHandler(200, 'ok');
});
test.afterEach(async () => {
  await handler.close();
});

const MULTIPART = '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n';
const hmacHex = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');

async function openReplay(page: Page, hs: Hookscope, id: number, target = handler.url) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inbox' }).click();
  await page.locator(`[role="row"][data-id="${id}"]`).click();
  await page.getByRole('button', { name: 'Replay…' }).click();
  await expect(page.getByRole('heading', { name: `Replay #${id}` })).toBeVisible();
  await page.getByLabel('Target').fill(target);
}

/** Replaces an editor's text the way a user would: select all, then type it line by line. */
async function retype(page: Page, label: string, text: string) {
  await page.getByRole('textbox', { name: label }).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) await page.keyboard.press('Enter');
    if (lines[i]) await page.keyboard.insertText(lines[i]!);
  }
}

async function sendAndWait(page: Page, status = '200') {
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByTestId('replay-result').first()).toHaveAttribute('data-status', status);
}

const replaysOf = async (hs: Hookscope, id: number) => (await hs.call<{ items: Replay[] }>('replays.list', { deliveryId: id })).items;

test.describe('replay editors keep the bytes the user did not edit', () => {
  test('a CRLF body replayed untouched arrives byte for byte and is recorded as not edited', async ({ page, hs }) => {
    const sent = await hs.send('/hooks/mp', MULTIPART, { 'Content-Type': 'multipart/form-data; boundary=b' });
    await openUi(page, hs);
    await openReplay(page, hs, sent.id);
    await expect(page.getByRole('textbox', { name: 'Replay body' })).toContainText('Content-Disposition');
    await expect(page.getByRole('button', { name: 'Reset to captured' })).toBeHidden();
    await sendAndWait(page);

    expect(handler.received[0]!.body).toBe(MULTIPART);
    const [replay] = await replaysOf(hs, sent.id);
    expect(replay).toMatchObject({ mode: 'as-captured', edited: false });
    await expect(page.getByTestId('replay-result').first().locator('.replay-meta')).not.toContainText('edited');
  });

  test('an edited CRLF body keeps CRLF line breaks, new lines included', async ({ page, hs }) => {
    const sent = await hs.send('/hooks/mp', MULTIPART, { 'Content-Type': 'multipart/form-data; boundary=b' });
    await openUi(page, hs);
    await openReplay(page, hs, sent.id);
    await page.getByRole('textbox', { name: 'Replay body' }).click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('tail');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('end');
    await sendAndWait(page);
    expect(handler.received[0]!.body).toBe(`${MULTIPART}tail\r\nend`);
  });

  test('a body with mixed line endings is read-only and replayed as captured', async ({ page, hs }) => {
    const body = 'line one\r\nline two\nline three\rend';
    const sent = await hs.send('/hooks/mixed', body, { 'Content-Type': 'text/plain' });
    await openUi(page, hs);
    await openReplay(page, hs, sent.id);
    await expect(page.getByTestId('replay-body-note')).toContainText('mixes line endings');
    await expect(page.getByRole('textbox', { name: 'Replay body' })).toHaveAttribute('contenteditable', 'false');
    await sendAndWait(page);
    expect(handler.received[0]!.body).toBe(body);
    expect((await replaysOf(hs, sent.id))[0]).toMatchObject({ edited: false });
  });

  test('changing one of two same-name headers keeps the other', async ({ page, hs }) => {
    const sent = await hs.send('/hooks/dup', '{}', [
      ['Content-Type', 'application/json'],
      ['X-Dup', '1'],
      ['X-Dup', '2'],
    ]);
    await openUi(page, hs);
    await openReplay(page, hs, sent.id);
    const detail = await hs.call<DeliveryDetail>('deliveries.get', { id: sent.id });
    const text = detail.headers.map((h) => `${h.name}: ${h.value}`).join('\n');
    await retype(page, 'Replay headers', text.replace('X-Dup: 2', 'X-Dup: 3'));
    await sendAndWait(page);
    expect(handler.received[0]!.headers['x-dup']).toBe('1, 3');
  });
});

test.describe('signing an edited replay', () => {
  const BODY = '{"event":"task.updated","data":{"id":"tsk_1"}}';
  const SECRET = 'at_secret_4f1c2a';
  /** An AgileTune delivery on a path with no endpoint: its provider is known only from its headers. */
  const agileHeaders = (body: string) => ({ 'Content-Type': 'application/json', 'X-AgileTune-Signature': hmacHex(SECRET, body) });

  test('an edit with no secret anywhere says what to do; a secret typed in re-signs it', async ({ page, hs }) => {
    const sent = await hs.send('/adhoc/agile', BODY, agileHeaders(BODY));
    await openUi(page, hs);
    await openReplay(page, hs, sent.id);
    await retype(page, 'Replay body', '{"edited":true}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toHaveAttribute('data-code', 'bad-input');
    await expect(alert).toContainText('Secret');
    await expect(alert).toContainText('Keep the original signature');
    await expect(alert).not.toContainText('--');
    hs.ignoreConsoleErrors(/400/);
    expect(handler.received).toHaveLength(0);

    await page.getByLabel('Secret', { exact: true }).fill('typed-in');
    await sendAndWait(page);
    expect(handler.received[0]!.body).toBe('{"edited":true}');
    expect(handler.received[0]!.headers['x-agiletune-signature']).toBe(hmacHex('typed-in', '{"edited":true}'));
    expect((await replaysOf(hs, sent.id))[0]).toMatchObject({ mode: 're-signed', edited: true });
  });

  test('"Keep the original signature" sends a deliberately broken signature as typed', async ({ page, hs }) => {
    const sent = await hs.send('/adhoc/agile', BODY, agileHeaders(BODY));
    await openUi(page, hs);
    await openReplay(page, hs, sent.id);
    const detail = await hs.call<DeliveryDetail>('deliveries.get', { id: sent.id });
    const text = detail.headers.map((h) => (h.name === 'X-AgileTune-Signature' ? `${h.name}: deadbeef` : `${h.name}: ${h.value}`)).join('\n');
    await retype(page, 'Replay headers', text);
    await page.getByRole('checkbox', { name: 'Keep the original signature' }).check();
    await sendAndWait(page);
    expect(handler.received[0]!.headers['x-agiletune-signature']).toBe('deadbeef');
    expect(handler.received[0]!.body).toBe(BODY);
    expect((await replaysOf(hs, sent.id))[0]).toMatchObject({ mode: 'as-captured', edited: true });
  });
});

test.describe('answers arriving late', () => {
  test("the answer for a delivery left behind shows neither under nor in the history of the one picked next", async ({ page, hs }) => {
    // A handler that holds its answers until told.
    const held: http.ServerResponse[] = [];
    const slow = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => held.push(res));
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    try {
      const first = await hs.send('/hooks/first', '{"n":1}', { 'Content-Type': 'application/json' });
      const second = await hs.send('/hooks/second', '{"n":2}', { 'Content-Type': 'application/json' });
      await openUi(page, hs);
      await openReplay(page, hs, first.id, slowUrl);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect.poll(() => held.length).toBe(1);

      await openReplay(page, hs, second.id);
      held[0]!.end('late');
      await expect.poll(async () => (await replaysOf(hs, first.id)).length).toBe(1);
      await page.waitForTimeout(300); // the UI's own answer follows the record closely
      await expect(page.getByTestId('replay-result')).toHaveCount(0);

      await sendAndWait(page);
      await expect(page.getByTestId('replay-result')).toHaveCount(1);
      await expect(page.getByTestId('replay-result')).toContainText(`#${second.id}`);
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});

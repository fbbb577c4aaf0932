// The delivery view beside the request: what Hookscope answered (Response tab), the delivery's
// replays with "replay again" and a diff against a replay's answer, exports (cURL, HAR, JSON, the
// body), parameters, and an image body previewed safely.
import fs from 'node:fs';
import { AGILETUNE_SECRET, agileTuneHeaders } from './signing.js';
import { startHandler, type Handler } from './support/handler.js';
import { expect, openUi, test } from './fixtures.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000004000000040802000000269309290000001049444154789c63f8cfc000470cc47100ae930ff1d05f239e0000000049454e44ae426082', 'hex');

let handler: Handler;
test.beforeEach(async () => {
  handler = await startHandler(202, '{"handled":true}');
});
test.afterEach(async () => {
  await handler.close();
});

test.describe('the delivery view', () => {
  test('shows what Hookscope answered: status, headers, body and delay', async ({ page, hs }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await hs.call('endpoints.create', {
      path: '/hooks/slow',
      response: { status: 503, headers: [{ name: 'Retry-After', value: '30' }], body: '{"retry":"later"}', delayMs: 150 },
    });
    const sent = await hs.send('/hooks/slow', '{"n":1}', { 'Content-Type': 'application/json' });
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    await page.getByRole('tab', { name: 'Response' }).click();
    const view = page.getByTestId('response-view');
    await expect(view.getByTestId('response-status')).toHaveText('503');
    await expect(view.getByTestId('response-delay')).toHaveText("150 ms before answering (the endpoint's delay)");
    await expect(view.getByTestId('headers-table')).toContainText('Retry-After');
    await expect(view.getByTestId('headers-table')).toContainText(`X-Hookscope-Delivery${sent.id}`);
    await expect(view.getByTestId('raw-body')).toHaveText('{"retry":"later"}');
    await hs.screenshot('delivery-response');
  });

  test('lists its replays newest first, replays again to the last target, and diffs against a replay\'s answer', async ({ page, hs }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const sent = await hs.send('/hooks/orders', '{"order":1}', { 'Content-Type': 'application/json' });
    await hs.call('replay.send', { ids: [sent.id], target: `${handler.url}/first` });
    await hs.call('replay.send', { ids: [sent.id], target: handler.url });
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    await page.getByRole('tab', { name: 'Replays (2)' }).click();

    const replays = page.getByTestId('delivery-replay');
    await expect(replays).toHaveCount(2);
    await expect(replays.nth(0)).toContainText(`${handler.url}/hooks/orders`);
    await expect(replays.nth(1)).toContainText(`${handler.url}/first`);
    await expect(page.getByTestId('delivery-replays')).toContainText(`to ${handler.url}, as captured`);

    await page.getByRole('button', { name: 'Replay again' }).click();
    await expect(replays).toHaveCount(3);
    await expect(page.getByRole('tab', { name: 'Replays (3)' })).toBeVisible();
    expect(handler.received.map((r) => r.path)).toEqual(['/first', '/hooks/orders', '/hooks/orders']);
    await expect(replays.nth(0)).toHaveAttribute('data-replay-id', /\d+/);
    const ids = await replays.evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-replay-id'))));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    await replays.nth(0).getByRole('button', { name: 'Compare with its response' }).click();
    const diff = page.getByTestId('replay-diff');
    await expect(diff).toContainText('handled');
    await expect(diff).toContainText('X-Handler');
    await hs.screenshot('delivery-replays');
  });

  test('exports the delivery as cURL, HAR and JSON, redacted when asked, and downloads the body', async ({ page, hs, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await hs.call('endpoints.create', { path: '/hooks/at', provider: 'agiletune', secret: AGILETUNE_SECRET });
    const body = '{"event":"task.created"}';
    const headers = agileTuneHeaders(body);
    const sent = await hs.send('/hooks/at?x=1', body, headers);
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();

    const menu = page.getByTestId('export-menu');
    await menu.getByText('Export…').click();
    await menu.getByRole('button', { name: 'Copy as cURL' }).click();
    await expect(menu.getByRole('status')).toHaveText('cURL command copied.');
    const curl = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(curl).toContain('curl');
    expect(curl).toContain(headers['X-AgileTune-Signature']);

    const harDownload = page.waitForEvent('download');
    await menu.getByRole('button', { name: 'Download HAR' }).click();
    const har = JSON.parse(fs.readFileSync((await (await harDownload).path())!, 'utf8')) as { log: { entries: Array<{ request: { headers: Array<{ name: string; value: string }> } }> } };
    expect(har.log.entries).toHaveLength(1);
    expect(har.log.entries[0]!.request.headers).toContainEqual({ name: 'X-AgileTune-Signature', value: headers['X-AgileTune-Signature'] });

    await menu.getByLabel('Redact signatures and secrets').check();
    await hs.screenshot('export-menu');
    const jsonDownload = page.waitForEvent('download');
    await menu.getByRole('button', { name: 'Download JSON' }).click();
    const json = fs.readFileSync((await (await jsonDownload).path())!, 'utf8');
    expect((await jsonDownload).suggestedFilename()).toBe(`delivery-${sent.id}-redacted.json`);
    expect(json).toContain('[REDACTED]');
    expect(json).not.toContain(headers['X-AgileTune-Signature']);

    const bodyDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download body' }).click();
    expect(fs.readFileSync((await (await bodyDownload).path())!, 'utf8')).toBe(body);
  });

  test('shows query and form parameters decoded, duplicates kept', async ({ page, hs }) => {
    const sent = await hs.send('/hooks/form?shop=acme&tag=a&tag=b%20c', 'token=xyz&text=hello+world&empty=', { 'Content-Type': 'application/x-www-form-urlencoded' });
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    await page.getByRole('tab', { name: 'Params' }).click();
    const rows = (id: string) => page.getByTestId(id).locator('tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent]));
    expect(await rows('query-params')).toEqual([
      ['shop', 'acme'],
      ['tag', 'a'],
      ['tag', 'b c'],
    ]);
    expect(await rows('form-params')).toEqual([
      ['token', 'xyz'],
      ['text', 'hello world'],
      ['empty', ''],
    ]);
    await hs.screenshot('delivery-params');
  });

  test('previews a PNG body as an image from its own bytes, and never renders an SVG', async ({ page, hs }) => {
    const png = await hs.send('/hooks/img', PNG, { 'Content-Type': 'image/png' });
    const svg = await hs.send('/hooks/img', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', { 'Content-Type': 'image/svg+xml' });
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${png.id}"]`).click();
    await expect(page.getByRole('tab', { name: 'Image' })).toHaveAttribute('aria-selected', 'true');
    const img = page.getByTestId('image-preview').locator('img');
    await expect(img).toHaveAttribute('src', `data:image/png;base64,${PNG.toString('base64')}`);
    await expect.poll(() => page.evaluate<number>("document.querySelector('[data-testid=image-preview] img').naturalWidth")).toBe(4);
    await hs.screenshot('body-image');

    await page.locator(`[role="row"][data-id="${svg.id}"]`).click();
    await expect(page.getByTestId('raw-body')).toContainText('<script>');
    await expect(page.getByRole('tab', { name: 'Image' })).toHaveCount(0);
    await expect(page.getByTestId('delivery-detail').locator('img, svg script, object, iframe')).toHaveCount(0);
  });
});

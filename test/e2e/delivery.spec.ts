import { createHmac } from 'node:crypto';
import { AGILETUNE_SECRET, agileTuneHeaders } from './signing.js';
import { expect, openUi, test } from './fixtures.js';

// Spaced JSON: a handler that parses and re-stringifies it hashes different bytes.
const SPACED = '{"event": "task.updated", "timestamp": "2026-03-20T12:00:00Z", "data": {"id": "tsk_abc123", "status": "in_progress"}}';

test.describe('the delivery detail', () => {
  test('explains an invalid signature: the reason, the likely mistake and the evidence', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/agiletune', provider: 'agiletune', secret: AGILETUNE_SECRET });
    const reserialised = JSON.stringify(JSON.parse(SPACED));
    const signature = createHmac('sha256', AGILETUNE_SECRET).update(reserialised).digest('hex');
    const sent = await hs.send('/hooks/agiletune', SPACED, { 'Content-Type': 'application/json', 'X-AgileTune-Signature': signature });
    await openUi(page, hs);

    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    const detail = page.getByTestId('delivery-detail');
    await expect(detail.getByTestId('verdict-panel').locator('[data-verdict]')).toHaveAttribute('data-verdict', 'invalid');
    await expect(detail.getByTestId('verdict-reason')).toContainText('Signature mismatch');
    await expect(detail.getByTestId('verdict-hints')).toContainText('re-serialised JSON');
    await expect(detail.getByTestId('verdict-panel')).toContainText(signature);
    await expect(detail.getByTestId('json-tree')).toContainText('"tsk_abc123"');
    await hs.screenshot('detail-invalid');
  });

  test('shows headers in the order and case they arrived, duplicates kept', async ({ page, hs }) => {
    const sent = await hs.send('/hooks/raw', '{}', [
      ['X-First', 'one'],
      ['x-MiXeD-CaSe', 'two'],
      ['X-Dup', 'a'],
      ['Content-Type', 'application/json'],
      ['x-dup', 'b'],
    ]);
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    await page.getByRole('tab', { name: /Headers/ }).click();
    const rows = page.getByTestId('headers-table').locator('tr');
    const pairs = await rows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent]));
    const start = pairs.findIndex(([name]) => name === 'X-First');
    const sentPart = pairs.slice(start, start + 5);
    expect(sentPart).toEqual([
      ['X-First', 'one'],
      ['x-MiXeD-CaSe', 'two'],
      ['X-Dup', 'a'],
      ['Content-Type', 'application/json'],
      ['x-dup', 'b'],
    ]);
  });

  test('shows a body that is not UTF-8 as hex', async ({ page, hs }) => {
    const sent = await hs.send('/hooks/bin', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0xff, 0x00, 0x41]), { 'Content-Type': 'application/octet-stream' });
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    await expect(page.getByTestId('hex-view')).toContainText('de ad be ef ff 00 41');
    await expect(page.getByTestId('delivery-detail')).toContainText('not valid UTF-8');
  });

  test('verifies again with the endpoint\'s new secret when asked', async ({ page, hs }) => {
    const body = '{"event":"task.created"}';
    const endpoint = await hs.call<{ id: number }>('endpoints.create', { path: '/hooks/at', provider: 'agiletune', secret: 'old-secret' });
    const sent = await hs.send('/hooks/at', body, agileTuneHeaders(body, AGILETUNE_SECRET));
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    const panel = page.getByTestId('verdict-panel');
    await expect(panel.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'invalid');

    await hs.call('endpoints.update', { id: endpoint.id, patch: { secret: AGILETUNE_SECRET } });
    await panel.getByRole('button', { name: 'Verify again' }).click();
    await expect(panel.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'valid');
    // The list row follows.
    await expect(page.locator(`[role="row"][data-id="${sent.id}"] [data-verdict]`)).toHaveAttribute('data-verdict', 'valid');
    await hs.screenshot('detail-valid');
  });
});

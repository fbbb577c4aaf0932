import { AGILETUNE_SECRET, TASK_UPDATED, agileTuneHeaders } from './signing.js';
import { expect, openUi, test } from './fixtures.js';

test.describe('the inbox', () => {
  test('tells a new user where to send webhooks, with a request to try', async ({ page, hs }) => {
    await openUi(page, hs);
    const empty = page.getByTestId('empty-state');
    await expect(empty).toContainText('Waiting for the first webhook');
    await expect(empty.getByTestId('receiver-url')).toHaveText(hs.serve.receiverUrl);
    await expect(empty.locator('pre')).toContainText(`curl -X POST ${hs.serve.receiverUrl}/hooks/test`);
    await hs.screenshot('inbox-empty');
  });

  test('shows a delivery sent to the receiver without a reload, with its verdict', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/agiletune', provider: 'agiletune', secret: AGILETUNE_SECRET });
    await openUi(page, hs);

    const good = await hs.send('/hooks/agiletune', TASK_UPDATED, agileTuneHeaders(TASK_UPDATED));
    const bad = await hs.send('/hooks/agiletune', TASK_UPDATED, agileTuneHeaders(TASK_UPDATED, 'wrong-secret'));
    const plain = await hs.send('/somewhere/else?x=1', '{"hello":"world"}', { 'Content-Type': 'application/json' });

    const row = (id: number) => page.locator(`[role="row"][data-id="${id}"]`);
    await expect(row(good.id).locator('[data-verdict]')).toHaveAttribute('data-verdict', 'valid');
    await expect(row(good.id)).toContainText('valid');
    await expect(row(bad.id).locator('[data-verdict]')).toHaveAttribute('data-verdict', 'invalid');
    await expect(row(plain.id).locator('[data-verdict]')).toHaveAttribute('data-verdict', 'unsigned');
    await expect(row(plain.id)).toContainText('/somewhere/else');
    await expect(row(good.id)).toContainText('AgileTune');
    // Newest first.
    await expect(page.locator('.list-inner [role="row"]').first()).toHaveAttribute('data-id', String(plain.id));
    await expect(page.getByTestId('status-counts')).toContainText('3 deliveries');
    await hs.screenshot('inbox-live');
  });
});

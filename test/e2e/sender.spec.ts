import { AGILETUNE_SECRET } from './signing.js';
import { startHandler } from './support/handler.js';
import { expect, openUi, test } from './fixtures.js';

test.describe('the sender view', () => {
  test('sends a catalogue event signed like the provider, into this inbox, valid', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/agiletune', provider: 'agiletune', secret: AGILETUNE_SECRET });
    await openUi(page, hs);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sender' }).click();
    await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'AgileTune' });
    // The endpoint for AgileTune gives the target and the secret.
    await expect(page.getByLabel('Target')).toHaveValue(`${hs.serve.receiverUrl}/hooks/agiletune`);
    await expect(page.getByRole('textbox', { name: 'Payload' })).toContainText('"event"');
    await page.getByLabel('Event', { exact: true }).selectOption('task.updated');
    await expect(page.getByRole('textbox', { name: 'Payload' })).toContainText('task.updated');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    const timeline = page.getByTestId('send-timeline');
    await expect(timeline.locator('[data-status]')).toHaveAttribute('data-status', 'delivered');
    await expect(timeline.getByTestId('attempt-row').first()).toContainText('200');
    await hs.screenshot('sender-delivered');

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inbox' }).click();
    const row = page.locator('.list-inner [role="row"]').first();
    await expect(row).toContainText('/hooks/agiletune');
    await expect(row.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'valid');
  });

  test('plays the provider\'s whole retry schedule on the virtual clock against a failing handler', async ({ page, hs }) => {
    const handler = await startHandler(500, 'boom');
    try {
      await openUi(page, hs);
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sender' }).click();
      await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'AgileTune' });
      await page.getByLabel('Target').fill(`${handler.url}/webhooks`);
      await page.getByRole('radio', { name: /Virtual/ }).check();
      await page.getByRole('button', { name: 'Send', exact: true }).click();

      const timeline = page.getByTestId('send-timeline');
      // AgileTune: the first attempt and 5 retries (+1 min, +5 min, +30 min, +2 h, +12 h), then failing.
      await expect(timeline.locator('[data-status]')).toHaveAttribute('data-status', 'failing', { timeout: 20_000 });
      const rows = timeline.getByTestId('attempt-row');
      await expect(rows).toHaveCount(6);
      await expect(timeline.locator('[data-testid="attempt-row"][data-done="yes"]')).toHaveCount(6);
      await expect(rows.nth(1)).toContainText('+1 min');
      await expect(rows.nth(5)).toContainText('500');
      expect(handler.received).toHaveLength(6);
      await hs.screenshot('sender-failing');
    } finally {
      await handler.close();
    }
  });

  test('the empty inbox sends a sample event that then arrives in it', async ({ page, hs }) => {
    await openUi(page, hs);
    await page.getByRole('button', { name: 'Send a sample event' }).click();
    const row = page.locator('.list-inner [role="row"]').first();
    await expect(row).toContainText('/hooks/sample');
    // Signed, but no endpoint holds its secret yet: the verdict says so.
    await expect(row.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'no-secret');
  });
});

// Issue #20 in the UI: the Sender marks each payload against its provider's document, lists the
// document's vague passages with our reading, and plays the other reading on request; the delivery view
// says where a real Workspace delivery would come from.
import { startHandler } from './support/handler.js';
import { expect, openUi, test } from './fixtures.js';

test.describe('fidelity to the provider documents', () => {
  test('the payload is marked documented, invented or edited, and the document\'s readings are listed', async ({ page, hs }) => {
    await openUi(page, hs);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sender' }).click();
    const mark = page.getByTestId('payload-mark');

    await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'Almirant' });
    await expect(mark).toHaveAttribute('data-kind', 'invented');
    await expect(mark).toContainText('Not in the document (yours may never arrive): id, created_at, data');

    await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'AgileTune' });
    await page.getByLabel('Event', { exact: true }).selectOption('task.updated');
    await expect(mark).toHaveAttribute('data-kind', 'documented');
    await page.getByRole('textbox', { name: 'Payload' }).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' ');
    await expect(mark).toHaveAttribute('data-kind', 'edited');

    const readings = page.getByTestId('provider-readings');
    await readings.locator('summary').click();
    const count = readings.locator('[data-reading="attempt-count"]');
    await expect(count).toContainText('After 5 failed attempts, the webhook is marked as failing.');
    await expect(count).toContainText('Other reading: Five attempts in all');
    await expect(count).toContainText('--retry-reading document-count');
    await hs.screenshot('sender-fidelity-readings');
  });

  test('"the count the document states" plays AgileTune as five attempts in all', async ({ page, hs }) => {
    const handler = await startHandler(500, 'boom');
    try {
      await openUi(page, hs);
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sender' }).click();
      await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'AgileTune' });
      await page.getByLabel('Target').fill(`${handler.url}/webhooks`);
      await page.getByRole('radio', { name: /Virtual/ }).check();
      await page.getByTestId('reading-options').locator('summary').click();
      await page.getByLabel('Attempts to play').selectOption('document-count');
      await page.getByLabel('Content type').selectOption('form');
      await expect(page.getByTestId('reading-options').locator('summary')).toContainText("the document's attempt count, form body");
      await page.getByRole('button', { name: 'Send', exact: true }).click();

      const timeline = page.getByTestId('send-timeline');
      await expect(timeline.locator('[data-status]')).toHaveAttribute('data-status', 'failing', { timeout: 20_000 });
      await expect(timeline.getByTestId('attempt-row')).toHaveCount(5);
      expect(handler.received).toHaveLength(5);
      expect(handler.received[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(handler.received[0]!.body).toMatch(/^payload=%7B/);
      await hs.screenshot('sender-fidelity-document-count');
    } finally {
      await handler.close();
    }
  });

  test('a Workspace delivery says a real one would come from the document\'s IP ranges', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/ws', provider: 'workspace', secret: 'ws-secret' });
    const sent = await hs.send('/hooks/ws', '{"event":"task.created"}', { 'X-Webhook-Signature': 'sha256=00', 'X-Webhook-Timestamp': '1634234567' });
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    const note = page.getByTestId('source-range-note');
    await expect(note).toContainText('A real Workspace delivery comes from 203.0.113.0/24 or 198.51.100.0/24');
    await expect(note).toContainText('127.0.0.1, outside them');
    await hs.screenshot('delivery-workspace-source-ranges');
  });
});

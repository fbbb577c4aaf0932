// The Sender, second pass (issue 14.9 and 14.10): the secret follows the endpoint the target lands on,
// the timeline's axis has time labels, and a runs panel lists past and scheduled runs after a reload,
// stops one, and links each attempt to the delivery it produced in this inbox.
import type { Page } from '@playwright/test';
import { AGILETUNE_SECRET } from './signing.js';
import { startHandler } from './support/handler.js';
import { expect, openUi, test, type Hookscope } from './fixtures.js';

async function openSender(page: Page, hs: Hookscope) {
  await openUi(page, hs);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sender' }).click();
}

test.describe('the sender, second pass', () => {
  test('the secret follows the endpoint the target points at, so the capture verifies', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/first', provider: 'agiletune', secret: AGILETUNE_SECRET });
    await hs.call('endpoints.create', { path: '/hooks/second', provider: 'agiletune', secret: 'the-second-secret' });
    await openSender(page, hs);
    await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'AgileTune' });
    await expect(page.getByLabel('Target')).toHaveValue(`${hs.serve.receiverUrl}/hooks/first`);
    await page.getByRole('button', { name: 'Show secret' }).click();
    await expect(page.getByLabel('Secret', { exact: true })).toHaveValue(AGILETUNE_SECRET);

    await page.getByLabel('Target').fill(`${hs.serve.receiverUrl}/hooks/second`);
    await expect(page.getByLabel('Secret', { exact: true })).toHaveValue('the-second-secret');
    await expect(page.getByTestId('secret-help')).toContainText('/hooks/second');
    await page.getByRole('radio', { name: /Virtual/ }).check();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByTestId('send-timeline').locator('[data-status]').first()).toHaveAttribute('data-status', 'delivered');

    const { items } = await hs.call<{ items: Array<{ path: string; verification: { status: string } }> }>('deliveries.list');
    expect(items[0]).toMatchObject({ path: '/hooks/second', verification: { status: 'valid' } });
  });

  test('the timeline\'s axis is labelled with times', async ({ page, hs }) => {
    await openSender(page, hs);
    await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'AgileTune' });
    const labels = page.getByTestId('send-timeline').getByTestId('axis-label');
    await expect(labels.first()).toHaveText('0');
    await expect(labels).toContainText(['1 min', '1 h']);
  });

  test('the runs panel lists past and scheduled runs after a reload, stops one, and links attempts to their deliveries', async ({ page, hs }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const handler = await startHandler(500, 'down');
    try {
      await hs.call('endpoints.create', { path: '/hooks/agiletune', provider: 'agiletune', secret: AGILETUNE_SECRET });
      const delivered = await hs.call<{ items: Array<{ id: number }> }>('send.start', {
        provider: 'agiletune',
        events: ['task.created'],
        to: `${hs.serve.receiverUrl}/hooks/agiletune`,
        secret: AGILETUNE_SECRET,
        clock: { kind: 'virtual' },
        wait: true,
      });
      // Fails at once, then waits a real minute for its first retry: scheduled.
      const scheduled = await hs.call<{ items: Array<{ id: number }> }>('send.start', {
        provider: 'agiletune',
        events: ['task.updated'],
        to: `${handler.url}/webhooks`,
        secret: AGILETUNE_SECRET,
        clock: { kind: 'scaled', scale: 1 },
      });
      const deliveredId = delivered.items[0]!.id;
      const scheduledId = scheduled.items[0]!.id;
      await expect.poll(() => handler.received.length).toBe(1);

      await openSender(page, hs);
      await page.reload();
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sender' }).click();
      const panel = page.getByTestId('runs-panel');
      const runRow = (id: number) => panel.locator(`[data-testid="history-run"][data-run-id="${id}"]`);
      await expect(runRow(scheduledId).locator('[data-run-status]')).toHaveText('scheduled');
      await expect(runRow(deliveredId).locator('[data-run-status]')).toHaveText('delivered');
      // The newest run opens with the view.
      await expect(page.getByTestId('send-timeline').locator('[data-status]').first()).toHaveAttribute('data-status', 'scheduled');
      await hs.screenshot('sender-flow-runs-light');
      await page.emulateMedia({ colorScheme: 'dark' });
      await hs.screenshot('sender-flow-runs-dark');
      await page.emulateMedia({ colorScheme: 'light' });

      await runRow(scheduledId).getByRole('button', { name: `Stop run #${scheduledId}` }).click();
      await expect(runRow(scheduledId).locator('[data-run-status]')).toHaveText('stopped');
      await expect(runRow(scheduledId).getByRole('button', { name: /Stop/ })).toHaveCount(0);

      // The run into this Hookscope: its attempt links to the delivery it produced.
      await runRow(deliveredId).getByRole('button', { name: `Run #${deliveredId}: show its attempts` }).click();
      const link = page.getByTestId('send-timeline').getByTestId('attempt-delivery');
      await expect(link).toHaveCount(1);
      const { items } = await hs.call<{ items: Array<{ id: number }> }>('deliveries.list');
      await expect(link).toHaveText(`#${items[0]!.id}`);
      await link.click();
      await expect(page.getByTestId('delivery-detail')).toContainText('/hooks/agiletune');
    } finally {
      await handler.close();
    }
  });

  test('a refused target is said next to the target in the UI\'s words, with an offer to allow the host', async ({ page, hs }) => {
    const handler = await startHandler(200, 'ok');
    try {
      hs.ignoreConsoleErrors(/422|400/);
      await openSender(page, hs);
      await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'AgileTune' });
      await page.getByRole('radio', { name: /Virtual/ }).check();
      // 0.0.0.0 is not loopback by name, yet connecting to it stays on this machine (Linux).
      await page.getByLabel('Target').fill(`http://0.0.0.0:${new URL(handler.url).port}/webhooks`);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      const targetError = page.locator('#send-target-error');
      await expect(targetError).toContainText('only loopback targets');
      const form = page.getByRole('form', { name: 'Send an event' });
      await expect(form).not.toContainText('--allow-host');
      await expect(form).not.toContainText('send.start');
      await form.getByRole('button', { name: 'Allow 0.0.0.0 and send' }).click();
      await expect(page.getByTestId('send-timeline').locator('[data-status]').first()).toHaveAttribute('data-status', 'delivered');
      expect(handler.received).toHaveLength(1);
    } finally {
      await handler.close();
    }
  });
});

import type { Page } from '@playwright/test';
import { AGILETUNE_SECRET } from './signing.js';
import { startHandler } from './support/handler.js';
import { expect, openUi, test } from './fixtures.js';

/** The Sender view, AgileTune, aimed at a local handler, on the virtual clock. */
async function openAgileTuneSender(page: Page, hs: Parameters<typeof openUi>[1], handlerUrl: string) {
  await openUi(page, hs);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sender' }).click();
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'AgileTune' });
  await page.getByLabel('Target').fill(`${handlerUrl}/webhooks`);
  await page.getByRole('radio', { name: /Virtual/ }).check();
}

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
      await openAgileTuneSender(page, hs, handler.url);
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

  test('sends a shuffled batch with duplicates and lists every run, in the order the handler got them, with the order their events occurred in', async ({ page, hs }) => {
    const handler = await startHandler(200, 'ok');
    try {
      await openAgileTuneSender(page, hs, handler.url);

      // Collapsed by default: a single send needs none of it.
      const batch = page.getByTestId('batch-options');
      await expect(batch.getByLabel('Count')).toBeHidden();
      await batch.locator('summary').click();
      await batch.getByLabel('Events', { exact: true }).fill('task.created, task.updated, task.deleted');
      await batch.getByLabel('Count').fill('3');
      await batch.getByLabel('Duplicates', { exact: true }).fill('1');
      await batch.getByLabel('Shuffle').check();
      // Seed 6 delivers the last event first, so the disorder shows in the first row.
      await batch.getByLabel('Seed').fill('6');
      await expect(batch.locator('summary')).toContainText('3 events, 1 duplicate each, shuffled: 6 deliveries');
      await page.getByRole('button', { name: 'Send batch', exact: true }).click();

      const runs = page.getByTestId('send-runs');
      const rows = runs.getByTestId('run-row');
      await expect(rows).toHaveCount(6);
      await expect(runs.locator('[data-run-status="delivered"]')).toHaveCount(6, { timeout: 20_000 });
      await expect(runs.getByRole('heading')).toContainText('6 runs (3 duplicates)');
      await expect(runs.getByTestId('batch-counts')).toHaveText('6 delivered');
      await expect.poll(() => handler.received.length).toBe(6);

      const seen = await rows.evaluateAll((trs) =>
        trs.map((tr) => ({
          id: Number(tr.getAttribute('data-run-id')),
          duplicateOf: tr.getAttribute('data-duplicate-of') ? Number(tr.getAttribute('data-duplicate-of')) : null,
          occurred: tr.querySelector('[data-testid="run-occurred"] .mono')?.textContent ?? '',
          early: tr.querySelector('[data-testid="run-occurred"]')?.textContent?.includes('early') ?? false,
          event: tr.querySelector('td:nth-child(4) .mono')?.textContent ?? '',
          badge: tr.querySelector('[data-testid="duplicate-badge"]')?.textContent ?? null,
          attempts: tr.querySelector('td:nth-child(6)')?.textContent ?? '',
        })),
      );
      // The rows are in delivery order: the same events, in the same order, as the handler received them.
      expect(seen.map((r) => r.event)).toEqual(handler.received.map((r) => (JSON.parse(r.body) as { event: string }).event));
      expect(seen.map((r) => r.attempts)).toEqual(Array(6).fill('1'));
      const originals = seen.filter((r) => r.duplicateOf === null);
      expect(originals.map((r) => r.event).sort()).toEqual(['task.created', 'task.deleted', 'task.updated']);
      // Each original has exactly one copy, labelled with the original's run and carrying its event.
      for (const original of originals) {
        const copies = seen.filter((r) => r.duplicateOf === original.id);
        expect(copies).toHaveLength(1);
        expect(copies[0]!.badge).toBe(`duplicate of #${original.id}`);
        expect(copies[0]!.event).toBe(original.event);
        expect(copies[0]!.occurred).toBe(original.occurred);
      }
      // "Occurred" is the event's place in the order named (1-based), whatever order it arrived in.
      const named = ['task.created', 'task.updated', 'task.deleted'];
      expect(seen.map((r) => r.occurred)).toEqual(seen.map((r) => String(named.indexOf(r.event) + 1)));
      await expect(runs.getByRole('columnheader', { name: 'Occurred' })).toBeVisible();
      expect(seen[0]!.occurred).toBe('3');
      // A row is marked early when an event that occurred before it has not arrived yet.
      const firstArrival = (n: number) => seen.findIndex((r) => Number(r.occurred) === n);
      const overtook = seen.map((r, i) => named.some((_, k) => k + 1 < Number(r.occurred) && firstArrival(k + 1) > i));
      expect(seen.map((r) => r.early)).toEqual(overtook);
      expect(seen[0]!.early).toBe(true);

      // Picking a duplicate shows its own attempts below the list.
      const copy = seen.find((r) => r.duplicateOf !== null)!;
      await runs.getByRole('button', { name: `Run #${copy.id}: show its attempts` }).click();
      await expect(page.getByTestId('timeline-run')).toContainText(`Run #${copy.id}`);
      await expect(page.getByTestId('timeline-run')).toContainText(`duplicate of #${copy.duplicateOf}`);
      await expect(page.getByTestId('send-timeline').locator('[data-status]')).toHaveAttribute('data-status', 'delivered');
      await hs.screenshot('sender-batch');
      await page.getByTestId('override-options').scrollIntoViewIfNeeded();
      await hs.screenshot('sender-batch-form');
    } finally {
      await handler.close();
    }
  });

  test('a batch against a failing handler plays every run\'s retries and reports each run\'s attempts', async ({ page, hs }) => {
    const handler = await startHandler(500, 'boom');
    try {
      await openAgileTuneSender(page, hs, handler.url);
      const batch = page.getByTestId('batch-options');
      await batch.locator('summary').click();
      await batch.getByLabel('Count').fill('2');
      const overrides = page.getByTestId('override-options');
      await overrides.locator('summary').click();
      await overrides.getByLabel('Max attempts').fill('3');
      await expect(overrides.locator('summary')).toContainText('at most 3 attempts');
      await page.getByRole('button', { name: 'Send batch', exact: true }).click();

      const runs = page.getByTestId('send-runs');
      // Capped before AgileTune's schedule ran out: the provider would still be retrying.
      await expect(runs.locator('[data-run-status="retrying"]')).toHaveCount(2, { timeout: 20_000 });
      await expect(runs.getByTestId('run-row').locator('td:nth-child(6)')).toHaveText(['3', '3']);
      await expect(runs.getByTestId('run-row').first()).toContainText('500');
      await expect(runs.getByTestId('duplicate-badge')).toHaveCount(0);
      await expect.poll(() => handler.received.length).toBe(6);
      await expect(page.getByTestId('send-timeline').locator('[data-testid="attempt-row"][data-done="yes"]')).toHaveCount(3);
    } finally {
      await handler.close();
    }
  });

  test('a batch larger than the table lists counts every run and says how many it does not list', async ({ page, hs }) => {
    const handler = await startHandler(200, 'ok');
    try {
      await openAgileTuneSender(page, hs, handler.url);
      const batch = page.getByTestId('batch-options');
      await batch.locator('summary').click();
      await batch.getByLabel('Count').fill('1001');
      await page.getByRole('button', { name: 'Send batch', exact: true }).click();

      const runs = page.getByTestId('send-runs');
      // The totals cover the run the table leaves out: counting the table's rows would say 1,000.
      await expect(runs.getByTestId('batch-counts')).toHaveText('1,001 delivered', { timeout: 30_000 });
      await expect.poll(() => handler.received.length).toBe(1001);
      await expect(runs.getByRole('heading')).toContainText('1,001 runs');
      await expect(runs.getByTestId('run-row')).toHaveCount(1000);
      await expect(runs.getByTestId('runs-hidden')).toHaveText(/first 1,000 runs: 1 more is not listed/);
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

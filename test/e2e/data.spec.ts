// The Data view and the size in the status bar (issue #15): retention settings stored from the UI and
// applied by the running Hookscope, Clear all behind a confirmation, and an endpoint's Clear.
import { expect, openUi, test } from './fixtures.js';

test.describe('data', () => {
  test.use({ seedDeliveries: 300 });

  test('the status bar shows the database size; a retention limit set in Data is applied in the background', async ({ page, hs }) => {
    await openUi(page, hs);
    const size = page.getByTestId('status-size');
    await expect(size).toHaveText(/^\d+(\.\d)? (KB|MB)$/);
    await size.click();
    await expect(page.getByTestId('data-size')).toContainText('300 deliveries');

    hs.ignoreConsoleErrors(/status of 400/); // the refused value below
    const keep = page.getByLabel('Keep at most');
    await keep.fill('lots');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await expect(page.getByRole('alert')).toContainText('retention.keep must be a whole number');
    await keep.fill('120');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await expect(page.getByText('set: 120')).toBeVisible();
    await expect(page.getByTestId('data-size')).toContainText('120 deliveries', { timeout: 15_000 });
    expect(await hs.call('settings.list')).toMatchObject({ items: [{ key: 'retention.keep', value: '120' }, { value: null }, { value: null }, { key: 'tunnel.engine' }, { key: 'tunnel.ngrokAuthtoken' }] });
    await hs.screenshot('data-view');
  });

  test('Clear all asks first, then empties the inbox', async ({ page, hs }) => {
    await openUi(page, hs);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Data' }).click();
    await page.getByRole('button', { name: 'Clear all…' }).click();
    await page.getByRole('button', { name: 'Keep them' }).click();
    expect(await hs.call('stats.get')).toMatchObject({ deliveries: 300 });
    await page.getByRole('button', { name: 'Clear all…' }).click();
    await hs.screenshot('data-clear-confirm');
    await page.getByRole('button', { name: 'Delete all 300 deliveries, for good' }).click();
    await expect(page.getByTestId('data-size')).toContainText('0 deliveries');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inbox' }).click();
    await expect(page.locator('[role="row"][data-id]')).toHaveCount(0);
  });

  test('an endpoint\'s Clear removes only its deliveries', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/a' });
    await hs.call('endpoints.create', { path: '/hooks/b' });
    const a = await hs.send('/hooks/a', '{"n":1}');
    const b = await hs.send('/hooks/b', '{"n":2}');
    await openUi(page, hs);
    await expect(page.locator(`[role="row"][data-id="${a.id}"]`)).toBeVisible();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints' }).click();
    const row = page.getByTestId('endpoint-row').filter({ hasText: '/hooks/a' });
    await row.getByRole('button', { name: 'Clear', exact: true }).click();
    await row.getByRole('button', { name: 'Clear deliveries of /hooks/a' }).click();
    await expect(row.getByRole('button', { name: 'Clear', exact: true })).toBeVisible();
    const { items } = await hs.call<{ items: Array<{ id: number }> }>('deliveries.list', { q: '"n"' });
    expect(items.map((d) => d.id)).toEqual([b.id]);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inbox' }).click();
    await expect(page.locator(`[role="row"][data-id="${a.id}"]`)).toHaveCount(0);
    await expect(page.locator(`[role="row"][data-id="${b.id}"]`)).toBeVisible();
  });
});

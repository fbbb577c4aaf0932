// "Verify again" belongs to the delivery it was pressed on: moving to another delivery while the check
// is out must not leave that one's button stuck on "Verifying…" nor show the first one's failure.
import type { Page, Route } from '@playwright/test';
import { AGILETUNE_SECRET, agileTuneHeaders } from './signing.js';
import { expect, openUi, test, type Hookscope } from './fixtures.js';

async function twoInvalidDeliveries(hs: Hookscope) {
  const endpoint = await hs.call<{ id: number }>('endpoints.create', { path: '/hooks/at', provider: 'agiletune', secret: 'old-secret' });
  const a = await hs.send('/hooks/at', '{"n":"first"}', agileTuneHeaders('{"n":"first"}', AGILETUNE_SECRET));
  const b = await hs.send('/hooks/at', '{"n":"second"}', agileTuneHeaders('{"n":"second"}', AGILETUNE_SECRET));
  // From now on both verify as valid, once checked again.
  await hs.call('endpoints.update', { id: endpoint.id, patch: { secret: AGILETUNE_SECRET } });
  return { a, b };
}

/** Holds the next deliveries.verify request until the test lets it go (the real server answers it then). */
async function holdVerify(page: Page): Promise<{ held: Promise<Route> }> {
  let grab!: (route: Route) => void;
  const held = new Promise<Route>((resolve) => (grab = resolve));
  await page.route('**/api/call/deliveries.verify', (route) => grab(route), { times: 1 });
  return { held };
}

test.describe('verify again while moving between deliveries', () => {
  test('the next delivery\'s button is free, and the first one\'s result lands on the first one', async ({ page, hs }) => {
    const { a, b } = await twoInvalidDeliveries(hs);
    await openUi(page, hs);
    const panel = page.getByTestId('verdict-panel');
    const verdict = panel.locator('[data-verdict]');

    await page.locator(`[role="row"][data-id="${a.id}"]`).click();
    await expect(verdict).toHaveAttribute('data-verdict', 'invalid');
    const { held } = await holdVerify(page);
    await panel.getByRole('button', { name: 'Verify again' }).click();
    await expect(panel.getByRole('button', { name: 'Verifying…' })).toBeDisabled();
    const route = await held;

    await page.locator(`[role="row"][data-id="${b.id}"]`).click();
    await expect(page.getByTestId('delivery-detail')).toContainText('"second"');
    await expect(panel.getByRole('button', { name: 'Verify again' })).toBeEnabled();

    await route.continue();
    // A's row follows its new verdict; B's pane is untouched by it.
    await expect(page.locator(`[role="row"][data-id="${a.id}"] [data-verdict]`)).toHaveAttribute('data-verdict', 'valid');
    await expect(verdict).toHaveAttribute('data-verdict', 'invalid');
    await expect(panel.getByRole('button', { name: 'Verify again' })).toBeEnabled();

    await panel.getByRole('button', { name: 'Verify again' }).click();
    await expect(verdict).toHaveAttribute('data-verdict', 'valid');

    await page.locator(`[role="row"][data-id="${a.id}"]`).click();
    await expect(page.getByTestId('delivery-detail')).toContainText('"first"');
    await expect(verdict).toHaveAttribute('data-verdict', 'valid');
  });

  test('a check that fails after moving on is not shown as the next delivery\'s error', async ({ page, hs }) => {
    const { a, b } = await twoInvalidDeliveries(hs);
    await openUi(page, hs);
    const panel = page.getByTestId('verdict-panel');

    await page.locator(`[role="row"][data-id="${a.id}"]`).click();
    await expect(panel.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'invalid');
    const { held } = await holdVerify(page);
    await panel.getByRole('button', { name: 'Verify again' }).click();
    const route = await held;

    await page.locator(`[role="row"][data-id="${b.id}"]`).click();
    await expect(page.getByTestId('delivery-detail')).toContainText('"second"');
    hs.ignoreConsoleErrors(/ERR_FAILED|Failed to fetch|net::/);
    const failed = page.waitForEvent('requestfailed');
    await route.abort('failed');
    await failed;
    await page.waitForTimeout(300); // the store settles just after the fetch rejects: give a stray error time to show
    await expect(panel.getByRole('alert')).toHaveCount(0);
    await expect(panel.getByRole('button', { name: 'Verify again' })).toBeEnabled();

    // Going back to A shows it as it was, ready to check again.
    await page.locator(`[role="row"][data-id="${a.id}"]`).click();
    await expect(page.getByTestId('delivery-detail')).toContainText('"first"');
    await expect(panel.getByRole('alert')).toHaveCount(0);
    await panel.getByRole('button', { name: 'Verify again' }).click();
    await expect(panel.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'valid');
  });
});

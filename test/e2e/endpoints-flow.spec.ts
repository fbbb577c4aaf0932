// The endpoint form, second pass (issues 14.11 and 14.12): no catch-all prefilled, a warning before a
// prefix takes other paths, and errors next to their field in the UI's words.
import type { Endpoint } from '../../shared/domain.js';
import { expect, openUi, test } from './fixtures.js';

test.describe('the endpoint form, second pass', () => {
  test('prefills no path, and warns before saving a prefix that takes other endpoints\' and requests\' paths', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/stripe', provider: 'stripe' });
    await hs.send('/hooks/github/push', '{}', { 'Content-Type': 'application/json' });
    await openUi(page, hs);
    await expect(page.locator('.list-inner [role="row"]')).toHaveCount(1);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints' }).click();
    await page.getByRole('button', { name: 'New endpoint' }).click();
    const form = page.getByRole('form', { name: 'New endpoint' });
    await expect(form.getByLabel('Path')).toHaveValue('');

    await form.getByLabel('Path').fill('/hooks/');
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const warning = form.getByTestId('swallow-warning');
    await expect(warning).toContainText('/hooks takes every path under it');
    await expect(warning).toContainText('/hooks/github/push');
    await expect(warning).toContainText('/hooks/stripe');
    await hs.screenshot('endpoints-flow-warning');
    expect((await hs.call<{ items: Endpoint[] }>('endpoints.list')).items).toHaveLength(1);

    await form.getByRole('button', { name: 'Save anyway' }).click();
    await expect(page.getByTestId('endpoint-row').filter({ hasText: /^\/hooks\b/ }).first()).toBeVisible();
    await expect.poll(async () => (await hs.call<{ items: Endpoint[] }>('endpoints.list')).items.map((e) => e.path).sort()).toEqual(['/hooks', '/hooks/stripe']);
  });

  test('a prefix that takes nothing else is saved without a question', async ({ page, hs }) => {
    await openUi(page, hs);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints' }).click();
    await page.getByRole('button', { name: 'New endpoint' }).click();
    const form = page.getByRole('form', { name: 'New endpoint' });
    await form.getByLabel('Path').fill('/hooks/shop');
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByTestId('endpoint-row').filter({ hasText: '/hooks/shop' })).toBeVisible();
  });

  test('errors sit next to their field, without API method names or CLI flags', async ({ page, hs }) => {
    hs.ignoreConsoleErrors(/400/);
    await openUi(page, hs);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints' }).click();
    await page.getByRole('button', { name: 'New endpoint' }).click();
    const form = page.getByRole('form', { name: 'New endpoint' });
    await form.getByLabel('Path').fill('/hooks/has space');
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const pathError = form.locator('#ep-path-error');
    await expect(pathError).toContainText('Must be a URL path such as /hooks/stripe');
    await expect(form.getByLabel('Path')).toHaveAttribute('aria-invalid', 'true');
    await expect(form).not.toContainText('endpoints.create');

    await form.getByLabel('Path').fill('/hooks/fwd');
    await form.getByLabel('Forward to').fill('http://example.com/hook');
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    const forwardError = form.locator('#ep-forwardTo-error');
    await expect(forwardError).toContainText('only loopback targets');
    await expect(form).not.toContainText('--allow-host');
    await expect(pathError).toBeHidden();
    await hs.screenshot('endpoints-flow-field-errors');
  });
});

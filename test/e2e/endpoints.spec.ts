import type { Endpoint } from '../../shared/domain.js';
import { AGILETUNE_SECRET, TASK_UPDATED, agileTuneHeaders } from './signing.js';
import { expect, openUi, test } from './fixtures.js';

test.describe('endpoints', () => {
  test('an endpoint created from the UI checks signatures of what arrives on its path', async ({ page, hs }) => {
    await openUi(page, hs);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints' }).click();
    await page.getByRole('button', { name: 'New endpoint' }).click();

    const form = page.getByRole('form', { name: 'New endpoint' });
    await form.getByLabel('Path').fill('/hooks/agiletune');
    await form.getByLabel('Provider').selectOption({ label: 'AgileTune' });
    const secret = form.getByLabel('Secret', { exact: true });
    await secret.fill(AGILETUNE_SECRET);
    await expect(secret).toHaveAttribute('type', 'password');
    await form.getByRole('button', { name: 'Show secret' }).click();
    await expect(secret).toHaveAttribute('type', 'text');
    await form.getByLabel('Response status').fill('202');
    await hs.screenshot('endpoint-form');
    await form.getByRole('button', { name: 'Add endpoint' }).click();

    const row = page.getByTestId('endpoint-row').filter({ hasText: '/hooks/agiletune' });
    await expect(row).toContainText('AgileTune');
    await expect(row).toContainText('202');
    await expect(row).not.toContainText(AGILETUNE_SECRET);
    const { items } = await hs.call<{ items: Endpoint[] }>('endpoints.list', { showSecrets: true });
    expect(items).toMatchObject([{ path: '/hooks/agiletune', provider: 'agiletune', secret: AGILETUNE_SECRET, response: { status: 202 } }]);
    await hs.screenshot('endpoints-list');

    const sent = await hs.send('/hooks/agiletune', TASK_UPDATED, agileTuneHeaders(TASK_UPDATED));
    expect(sent.status).toBe(202);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inbox' }).click();
    await expect(page.locator(`[role="row"][data-id="${sent.id}"] [data-verdict]`)).toHaveAttribute('data-verdict', 'valid');
  });

  test('a refused endpoint shows the reason beside the form', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/taken' });
    await openUi(page, hs);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints' }).click();
    await page.getByRole('button', { name: 'New endpoint' }).click();
    const form = page.getByRole('form', { name: 'New endpoint' });
    await form.getByLabel('Path').fill('/hooks/taken');
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(form.getByRole('alert')).toBeVisible();
    await expect(form.getByRole('alert')).toHaveAttribute('data-code', 'conflict');
    hs.ignoreConsoleErrors(/409/);
    await hs.screenshot('endpoint-conflict');
  });

  test('an endpoint is edited and deleted from the UI', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/old', provider: null });
    await openUi(page, hs);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints' }).click();
    const row = page.getByTestId('endpoint-row').filter({ hasText: '/hooks/old' });
    await row.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit endpoint /hooks/old' });
    await form.getByLabel('Path').fill('/hooks/new');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const renamed = page.getByTestId('endpoint-row').filter({ hasText: '/hooks/new' });
    await expect(renamed).toBeVisible();

    await renamed.getByRole('button', { name: 'Delete', exact: true }).click();
    await renamed.getByRole('button', { name: 'Delete /hooks/new' }).click();
    await expect(page.getByTestId('endpoint-row')).toHaveCount(0);
    expect((await hs.call<{ items: Endpoint[] }>('endpoints.list')).items).toEqual([]);
  });
});

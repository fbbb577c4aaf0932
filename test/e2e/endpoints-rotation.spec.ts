// Rotating a secret from the endpoint form: the old secret stays accepted as a previous one (unless the
// user says otherwise), so deliveries still signed with it keep verifying; previous secrets are listed
// masked and can be removed.
import type { Endpoint } from '../../shared/domain.js';
import type { Page } from '@playwright/test';
import { AGILETUNE_SECRET, agileTuneHeaders } from './signing.js';
import { expect, openUi, test } from './fixtures.js';

const OLD_SECRET = 'whsec_old_rotation_secret_0001';
const NEWER_SECRET = 'whsec_newer_secret_0002';

async function editEndpoint(page: Page, path: string) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints' }).click();
  await page.getByTestId('endpoint-row').filter({ hasText: path }).getByRole('button', { name: 'Edit' }).click();
  return page.getByRole('form', { name: `Edit endpoint ${path}` });
}

async function onlyEndpoint(hs: { call<T>(m: string, input?: unknown): Promise<T> }): Promise<Endpoint> {
  const { items } = await hs.call<{ items: Endpoint[] }>('endpoints.list', { showSecrets: true });
  expect(items).toHaveLength(1);
  return items[0]!;
}

test.describe('secret rotation from the endpoint form', () => {
  test('a new secret keeps the old one as a previous secret, and deliveries signed with it stay valid', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/at', provider: 'agiletune', secret: OLD_SECRET });
    const body = '{"event":"task.created"}';
    const sent = await hs.send('/hooks/at', body, agileTuneHeaders(body, OLD_SECRET));
    await openUi(page, hs);
    await expect(page.locator(`[role="row"][data-id="${sent.id}"] [data-verdict]`)).toHaveAttribute('data-verdict', 'valid');

    const form = await editEndpoint(page, '/hooks/at');
    const keep = form.getByLabel('Keep the old secret as a previous secret (rotation)');
    await expect(keep).toHaveCount(0); // nothing to rotate until the secret changes
    await form.getByLabel('Secret', { exact: true }).fill(AGILETUNE_SECRET);
    await expect(keep).toBeChecked();
    await hs.screenshot('endpoint-rotation');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form).toHaveCount(0);

    expect(await onlyEndpoint(hs)).toMatchObject({ secret: AGILETUNE_SECRET, previousSecrets: [OLD_SECRET] });
    // The delivery signed with the old secret still checks out against the endpoint's secrets now.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inbox' }).click();
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    const panel = page.getByTestId('verdict-panel');
    await panel.getByRole('button', { name: 'Verify again' }).click();
    await expect(panel.getByRole('button', { name: 'Verify again' })).toBeEnabled();
    await expect(panel.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'valid');

    // A second rotation puts the newest replaced secret first.
    const again = await editEndpoint(page, '/hooks/at');
    await expect(again.getByTestId('previous-secret')).toHaveCount(1);
    await again.getByLabel('Secret', { exact: true }).fill(NEWER_SECRET);
    await again.getByRole('button', { name: 'Save changes' }).click();
    await expect(again).toHaveCount(0);
    expect(await onlyEndpoint(hs)).toMatchObject({ secret: NEWER_SECRET, previousSecrets: [AGILETUNE_SECRET, OLD_SECRET] });
  });

  test('previous secrets are shown masked and can be removed', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/at', provider: 'agiletune', secret: AGILETUNE_SECRET, previousSecrets: [OLD_SECRET, NEWER_SECRET] });
    await openUi(page, hs);
    const form = await editEndpoint(page, '/hooks/at');
    const listed = form.getByTestId('previous-secret');
    await expect(listed).toHaveCount(2);
    await expect(form.getByTestId('previous-secrets')).not.toContainText(OLD_SECRET);
    await expect(form.getByTestId('previous-secrets')).not.toContainText(NEWER_SECRET);
    await expect(listed.nth(0)).toContainText(OLD_SECRET.slice(-4));

    await form.getByRole('button', { name: 'Remove previous secret 1' }).click();
    await expect(listed).toHaveCount(1);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form).toHaveCount(0);
    expect(await onlyEndpoint(hs)).toMatchObject({ secret: AGILETUNE_SECRET, previousSecrets: [NEWER_SECRET] });
  });

  test('unticking the option replaces the secret outright', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/at', provider: 'agiletune', secret: OLD_SECRET });
    await openUi(page, hs);
    const form = await editEndpoint(page, '/hooks/at');
    await form.getByLabel('Secret', { exact: true }).fill(AGILETUNE_SECRET);
    await form.getByLabel('Keep the old secret as a previous secret (rotation)').uncheck();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect(form).toHaveCount(0);
    expect(await onlyEndpoint(hs)).toMatchObject({ secret: AGILETUNE_SECRET, previousSecrets: [] });
  });
});

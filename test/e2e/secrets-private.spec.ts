// Secrets stay out of the page (issue 15): the endpoint list the UI loads carries them masked, the
// page's HTML never holds one, and the features that need the secret itself (the endpoint form, the
// sender's prefill) ask for it when they open and still work.
import { AGILETUNE_SECRET } from './signing.js';
import { expect, openUi, test } from './fixtures.js';

const SECRET = `whsec_${AGILETUNE_SECRET}_private_a1b2`;

test('the UI gets endpoint secrets masked, its HTML never holds them, and the form and sender still fill them in', async ({ page, hs }) => {
  await hs.call('endpoints.create', { path: '/hooks/agiletune', provider: 'agiletune', secret: SECRET, previousSecrets: [`${SECRET}_old`] });
  const lists: Array<{ request: string; response: string }> = [];
  page.on('response', async (res) => {
    if (!res.url().endsWith('/api/call/endpoints.list')) return;
    lists.push({ request: res.request().postData() ?? '', response: await res.text() });
  });
  await openUi(page, hs);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints' }).click();
  const row = page.getByTestId('endpoint-row').filter({ hasText: '/hooks/agiletune' });
  await expect(row).toContainText('whsec_…a1b2');
  expect(await page.content()).not.toContain(SECRET);

  await row.getByRole('button', { name: 'Edit' }).click();
  const form = page.getByRole('form', { name: 'Edit endpoint /hooks/agiletune' });
  await expect(form.getByLabel('Secret', { exact: true })).toHaveValue(SECRET);
  await form.getByRole('button', { name: 'Show secret' }).click();
  expect(await page.content()).not.toContain(SECRET);
  await form.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sender' }).click();
  await page.getByLabel('Provider', { exact: true }).selectOption({ label: 'AgileTune' });
  await expect(page.locator('#send-secret')).toHaveValue(SECRET);
  expect(await page.content()).not.toContain(SECRET);

  const masked = lists.filter((l) => !l.request.includes('showSecrets'));
  expect(masked.length).toBeGreaterThan(0);
  for (const l of masked) expect(l.response).not.toContain(SECRET.slice(0, 20));
  expect(lists.filter((l) => l.request.includes('"showSecrets":true')).length).toBeGreaterThan(0);
});

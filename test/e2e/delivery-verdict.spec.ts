// A verdict to trust at a glance: a valid delivery shows nothing in the error colour (the signature
// part is compared alone, so GitHub's sha256= prefix is no longer taken for a mismatch), a stale
// timestamp is the one row in red, the JSON tree's buttons take real mouse clicks, a broken JSON body
// says where it breaks, and many deliveries can be verified again after a secret changed.
import { createHmac } from 'node:crypto';
import type { Page } from '@playwright/test';
import { AGILETUNE_SECRET, agileTuneHeaders } from './signing.js';
import { expect, openUi, test } from './fixtures.js';

const GITHUB_SECRET = 'octo-secret-42';
const STRIPE_SECRET = 'whsec_test_5e8f0c1b2a3d4e5f6a7b8c9d0e1f2a3b';
const BODY = JSON.stringify({ action: 'opened', number: 1347, pull_request: { merged: false, draft: true, head: { repo: { owner: { login: 'octocat' } } } } });

/**
 * Every element of the detail pane whose text colour is the theme's error colour. A string, as the
 * other specs pass browser code: this project's type-check of tests has no DOM library.
 */
async function inErrorColour(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const root = document.querySelector('[data-testid="delivery-detail"]');
    const probe = document.createElement('span');
    probe.style.color = 'var(--invalid)';
    root.append(probe);
    const invalid = getComputedStyle(probe).color;
    probe.remove();
    return [...root.querySelectorAll('*')]
      .filter((el) => el.textContent.trim() && getComputedStyle(el).color === invalid)
      .map((el) => el.tagName.toLowerCase() + '.' + el.className + ': ' + el.textContent.trim().slice(0, 60));
  })()`);
}

test.describe('the verdict of a valid delivery', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`shows a valid GitHub delivery's signature as a match, with nothing in the error colour (${scheme})`, async ({ page, hs }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1440, height: 900 });
      await hs.call('endpoints.create', { path: '/hooks/github', provider: 'github', secret: GITHUB_SECRET });
      const digest = createHmac('sha256', GITHUB_SECRET).update(BODY).digest('hex');
      const sent = await hs.send('/hooks/github', BODY, { 'Content-Type': 'application/json', 'X-GitHub-Event': 'pull_request', 'X-Hub-Signature-256': `sha256=${digest}` });
      await openUi(page, hs);
      await page.locator(`[role="row"][data-id="${sent.id}"]`).click();

      const evidence = page.getByTestId('evidence');
      await expect(page.getByTestId('verdict-panel').locator('[data-verdict]')).toHaveAttribute('data-verdict', 'valid');
      await expect(evidence.locator('tr', { hasText: 'Header value' })).toContainText(`sha256=${digest}`);
      await expect(evidence.locator('tr[data-tone="match"]', { hasText: 'Signature' })).toContainText(digest);
      await expect(evidence.locator('tr[data-tone="match"]', { hasText: 'Expected' })).toContainText(digest);
      await expect(evidence.locator('tr[data-tone="mismatch"]')).toHaveCount(0);
      // The body's JSON (true/false/null included) is open below: nothing on screen wears the error colour.
      await expect(page.getByTestId('json-tree')).toContainText('false');
      expect(await inErrorColour(page)).toEqual([]);
      await hs.screenshot(`verdict-valid-github-${scheme}`);
    });
  }

  test('shows a stale Stripe timestamp as the one thing wrong, with its age and the tolerance', async ({ page, hs }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await hs.call('endpoints.create', { path: '/hooks/stripe', provider: 'stripe', secret: STRIPE_SECRET });
    const t = Math.floor(Date.now() / 1000) - 600;
    const body = '{"id":"evt_1","type":"invoice.paid"}';
    const v1 = createHmac('sha256', STRIPE_SECRET).update(`${t}.${body}`).digest('hex');
    const sent = await hs.send('/hooks/stripe', body, { 'Content-Type': 'application/json', 'Stripe-Signature': `t=${t},v1=${v1}` });
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();

    const evidence = page.getByTestId('evidence');
    await expect(page.getByTestId('verdict-reason')).toContainText('10 min old');
    await expect(evidence.locator('tr[data-tone="match"]', { hasText: 'Signature' })).toContainText(v1);
    const wrong = evidence.locator('tr[data-tone="mismatch"]');
    await expect(wrong).toHaveCount(1);
    await expect(wrong).toContainText(String(t));
    await expect(wrong).toContainText('10 min old when it arrived · tolerance ±5 min: outside it');
    await hs.screenshot('verdict-stale-stripe');
  });
});

test.describe('the body', () => {
  test('Expand all and Collapse all take a real mouse click', async ({ page, hs }) => {
    const sent = await hs.send('/hooks/deep', JSON.stringify({ a: { b: { c: { d: { e: 'deepest' } } } } }), { 'Content-Type': 'application/json' });
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    const tree = page.getByTestId('json-tree');
    await expect(tree).not.toContainText('deepest');
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect(tree).toContainText('"deepest"');
    await page.getByRole('button', { name: 'Collapse all' }).click();
    await expect(tree).not.toContainText('"b"');
    await expect(tree).toContainText('1 key');
  });

  test('a body that claims to be JSON but is not says where it breaks', async ({ page, hs }) => {
    const sent = await hs.send('/hooks/broken', '{"naïve": 1,}', { 'Content-Type': 'application/json' });
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    await expect(page.getByRole('tab', { name: 'JSON' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('invalid-json')).toContainText('Not valid JSON at byte 13: expected a property name in double quotes.');
    await expect(page.getByTestId('invalid-json').locator('mark')).toHaveText('}');
    await hs.screenshot('body-invalid-json');
    await page.getByRole('tab', { name: 'Raw' }).click();
    await expect(page.getByTestId('raw-body')).toHaveText('{"naïve": 1,}');
  });
});

test.describe('verify again after a secret changed', () => {
  test('verifies every delivery of an endpoint, and the marked ones, with the current secret', async ({ page, hs }) => {
    const endpoint = await hs.call<{ id: number }>('endpoints.create', { path: '/hooks/at', provider: 'agiletune', secret: 'old-secret' });
    const ids: number[] = [];
    for (const n of [1, 2, 3]) ids.push((await hs.send('/hooks/at', `{"n":${n}}`, agileTuneHeaders(`{"n":${n}}`, AGILETUNE_SECRET))).id);
    await hs.call('endpoints.update', { id: endpoint.id, patch: { secret: AGILETUNE_SECRET } });
    await openUi(page, hs);
    const verdictOf = (id: number) => page.locator(`[role="row"][data-id="${id}"] [data-verdict]`);
    for (const id of ids) await expect(verdictOf(id)).toHaveAttribute('data-verdict', 'invalid');

    // The marked ones first: only those change.
    await page.locator(`[role="row"][data-id="${ids[0]}"]`).click();
    await page.keyboard.press('x');
    const markBar = page.getByRole('toolbar', { name: 'Marked deliveries' });
    await markBar.getByRole('button', { name: 'Verify again' }).click();
    await expect(markBar.getByTestId('verify-many-result')).toHaveText('Checked 1 delivery: 1 valid. 1 verdict changed.');
    await expect(verdictOf(ids[0]!)).toHaveAttribute('data-verdict', 'valid');
    await expect(verdictOf(ids[1]!)).toHaveAttribute('data-verdict', 'invalid');

    // Then the whole endpoint, from the endpoints view.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Endpoints/ }).click();
    const row = page.locator('[data-testid="endpoint-row"][data-path="/hooks/at"]');
    await row.getByRole('button', { name: 'Verify deliveries again' }).click();
    await expect(row.getByTestId('verify-many-result')).toHaveText('Checked 3 deliveries: 3 valid. 2 verdicts changed.');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Inbox/ }).click();
    for (const id of ids) await expect(verdictOf(id)).toHaveAttribute('data-verdict', 'valid');
  });
});

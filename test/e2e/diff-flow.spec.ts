// The diff view, second pass (issue 14): A and B stay as typed, "Diff with previous" stays on the
// delivery's endpoint (its path when none matched), and binary bodies get a hex diff.
import { expect, openUi, test } from './fixtures.js';

const json = { 'Content-Type': 'application/json' };

test.describe('the diff view, second pass', () => {
  test('keeps A and B as typed, the newer one as A if so typed', async ({ page, hs }) => {
    const older = await hs.send('/hooks/a', '{"n":1}', json);
    const newer = await hs.send('/hooks/b', '{"n":2}', json);
    await openUi(page, hs);
    await page.getByRole('button', { name: 'Diff' }).click();
    await page.getByRole('spinbutton', { name: 'Delivery A' }).fill(String(newer.id));
    await page.getByRole('spinbutton', { name: 'Delivery B' }).fill(String(older.id));
    await page.getByRole('button', { name: 'Compare' }).click();

    const result = page.getByTestId('diff-result');
    await expect(result.locator('tr', { hasText: 'path' }).locator('td')).toHaveText(['path', '/hooks/b', '/hooks/a']);
    await expect(page.getByRole('spinbutton', { name: 'Delivery A' })).toHaveValue(String(newer.id));
    await expect(page.getByRole('spinbutton', { name: 'Delivery B' })).toHaveValue(String(older.id));
    await expect(result.locator('.diff-side').first()).toContainText(`#${newer.id}`);
  });

  test('"Diff with previous" on an unmatched delivery compares with the previous one on its path', async ({ page, hs }) => {
    const first = await hs.send('/hooks/github', '{"n":1}', { ...json, 'X-Hub-Signature-256': 'sha256=00' });
    await hs.send('/hooks/github-two', '{"n":2}', { ...json, 'X-Hub-Signature-256': 'sha256=00' });
    const third = await hs.send('/hooks/github', '{"n":3}', { ...json, 'X-Hub-Signature-256': 'sha256=00' });
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${third.id}"]`).click();
    await page.getByRole('button', { name: 'Diff with previous' }).click();
    await expect(page.getByRole('spinbutton', { name: 'Delivery A' })).toHaveValue(String(first.id));
    await expect(page.getByTestId('diff-result').getByTestId('json-diff').locator('tbody tr').locator('td')).toHaveText(['~n', '1', '3']);
  });

  test('binary bodies are compared as hex, the changed bytes\' line shown', async ({ page, hs }) => {
    const bytes = Buffer.alloc(40, 0x00);
    bytes[0] = 0xff; // not UTF-8
    const changed = Buffer.from(bytes);
    changed[18] = 0xab;
    await hs.call('endpoints.create', { path: '/hooks/bin' });
    await hs.send('/hooks/bin', bytes, { 'Content-Type': 'application/octet-stream' });
    const second = await hs.send('/hooks/bin', changed, { 'Content-Type': 'application/octet-stream' });
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${second.id}"]`).click();
    await page.getByRole('button', { name: 'Diff with previous' }).click();

    const hex = page.getByTestId('hex-diff');
    await expect(hex.locator('.line-removed')).toHaveText([/00000010 {2}00 00 00 00/]);
    await expect(hex.locator('.line-added')).toHaveText([/00000010 {2}00 00 ab 00/]);
    await expect(hex.locator('.line-equal').first()).toContainText('00000000  ff 00');
    await hs.screenshot('diff-flow-hex-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await hs.screenshot('diff-flow-hex-dark');
  });
});

import { expect, openUi, test } from './fixtures.js';

const body = (status: string, extra = {}) => JSON.stringify({ event: 'task.updated', data: { id: 'tsk_1', status, ...extra } });

test.describe('the diff view', () => {
  test('compares a delivery with the previous one on the same endpoint, JSON paths and headers side by side', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/at' });
    await hs.send('/hooks/at', body('todo'), { 'Content-Type': 'application/json', 'X-Attempt': '1' });
    await hs.send('/hooks/other', body('unrelated'), { 'Content-Type': 'application/json' });
    const second = await hs.send('/hooks/at', body('done', { assignee: 'sam' }), { 'Content-Type': 'application/json', 'X-Attempt': '2' });
    await openUi(page, hs);

    await page.locator(`[role="row"][data-id="${second.id}"]`).click();
    await page.getByRole('button', { name: 'Diff with previous' }).click();

    const result = page.getByTestId('diff-result');
    const json = result.getByTestId('json-diff');
    await expect(json.locator('tr', { hasText: 'data.status' })).toContainText('"todo"');
    await expect(json.locator('tr', { hasText: 'data.status' })).toContainText('"done"');
    await expect(json.locator('tr', { hasText: 'data.assignee' })).toHaveAttribute('data-kind', 'added');
    const headers = result.getByTestId('header-diff');
    await expect(headers.locator('tr', { hasText: /x-attempt/i })).toContainText('1');
    await expect(headers.locator('tr', { hasText: /x-attempt/i })).toContainText('2');
    // A is the delivery before it on /hooks/at, not the unrelated one in between.
    await expect(page.getByRole('spinbutton', { name: 'Delivery A' })).toHaveValue(String(second.id - 2));
    await hs.screenshot('diff');
  });

  test('compares two deliveries marked in the inbox', async ({ page, hs }) => {
    const a = await hs.send('/hooks/a', '{"n":1}', { 'Content-Type': 'application/json' });
    const b = await hs.send('/hooks/b', '{"n":2}', { 'Content-Type': 'application/json' });
    await openUi(page, hs);
    await page.getByRole('checkbox', { name: `Mark delivery ${a.id}` }).check();
    await page.keyboard.press('j'); // selects the newest (b)
    await page.keyboard.press('x');
    await expect(page.getByRole('toolbar', { name: 'Marked deliveries' })).toContainText('2 marked');
    await page.getByRole('button', { name: 'Diff the two' }).click();

    const result = page.getByTestId('diff-result');
    const changed = result.getByTestId('json-diff').locator('tbody tr');
    await expect(changed).toHaveCount(1);
    await expect(changed.locator('td')).toHaveText(['~n', '1', '2']);
    // The request line differs too: A (older) on the left.
    await expect(result.locator('tr', { hasText: 'path' }).locator('td')).toHaveText(['path', '/hooks/a', '/hooks/b']);
    expect(b.id).toBeGreaterThan(a.id);
  });

  test('does not call JSON bodies equal when their bytes differ in a number JSON.parse cannot hold exactly', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/big' });
    await hs.send('/hooks/big', '{"id":12345678901234567890}', { 'Content-Type': 'application/json' });
    const second = await hs.send('/hooks/big', '{"id":12345678901234567891}', { 'Content-Type': 'application/json' });
    await openUi(page, hs);

    await page.locator(`[role="row"][data-id="${second.id}"]`).click();
    await page.getByRole('button', { name: 'Diff with previous' }).click();

    const result = page.getByTestId('diff-result');
    await expect(result.getByTestId('json-equivalent-note')).toContainText('The bytes differ');
    await expect(result.getByTestId('line-diff').locator('.line-removed')).toHaveText(/12345678901234567890/);
    await expect(result.getByTestId('line-diff').locator('.line-added')).toHaveText(/12345678901234567891/);
    await expect(result).not.toContainText(/bodies are equal|Identical|Byte-identical/);
  });
});

import { expect, openUi, test } from './fixtures.js';

test.describe('keyboard use of the inbox', () => {
  test('j/k and the arrows move, Enter opens, Esc closes, / goes to the search', async ({ page, hs }) => {
    const ids: number[] = [];
    for (const n of [1, 2, 3]) ids.push((await hs.send(`/hooks/k${n}`, `{"n":${n}}`, { 'Content-Type': 'application/json' })).id);
    await openUi(page, hs);
    const [oldest, middle, newest] = ids as [number, number, number];
    const selected = page.locator('.list-inner [role="row"][aria-selected="true"]');
    await expect(page.locator('.list-inner [role="row"]')).toHaveCount(3);

    await page.keyboard.press('j');
    await expect(selected).toHaveAttribute('data-id', String(newest));
    await page.keyboard.press('j');
    await expect(selected).toHaveAttribute('data-id', String(middle));
    await page.keyboard.press('ArrowDown');
    await expect(selected).toHaveAttribute('data-id', String(oldest));
    await page.keyboard.press('k');
    await expect(selected).toHaveAttribute('data-id', String(middle));

    await page.keyboard.press('Enter');
    const detail = page.getByTestId('delivery-detail');
    await expect(detail).toContainText('/hooks/k2');
    // With the detail open, moving shows the next delivery in it.
    await page.keyboard.press('ArrowUp');
    await expect(detail).toContainText('/hooks/k3');
    await hs.screenshot('keyboard-detail-open');
    await page.keyboard.press('Escape');
    await expect(detail).toBeHidden();
    await expect(selected).toHaveAttribute('data-id', String(newest));

    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox', { name: 'Search deliveries' })).toBeFocused();
    // Letters typed into the search are text, not navigation.
    await page.keyboard.type('k1');
    await expect(selected).toHaveAttribute('data-id', String(newest));
    await expect(page.locator('.list-inner [role="row"]')).toHaveCount(1);
    await expect(page.locator('.list-inner [role="row"]').first()).toContainText('/hooks/k1');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('searchbox', { name: 'Search deliveries' })).not.toBeFocused();
  });

  test('x marks deliveries; marked ones can be deleted after a confirmation', async ({ page, hs }) => {
    const keep = await hs.send('/hooks/keep', '{}', { 'Content-Type': 'application/json' });
    const drop = await hs.send('/hooks/drop', '{}', { 'Content-Type': 'application/json' });
    await openUi(page, hs);
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    const bar = page.getByRole('toolbar', { name: 'Marked deliveries' });
    await expect(bar).toContainText('1 marked');
    await bar.getByRole('button', { name: 'Delete…' }).click();
    await bar.getByRole('button', { name: 'Delete 1, for good' }).click();
    await expect(page.locator(`[role="row"][data-id="${drop.id}"]`)).toHaveCount(0);
    await expect(page.locator(`[role="row"][data-id="${keep.id}"]`)).toBeVisible();
    await expect(bar).toBeHidden();
    expect((await hs.call<{ items: Array<{ id: number }> }>('deliveries.list')).items.map((d) => d.id)).toEqual([keep.id]);
  });

  test('keeps the selected delivery selected while new ones arrive above it', async ({ page, hs }) => {
    const first = await hs.send('/hooks/first', '{}', { 'Content-Type': 'application/json' });
    await openUi(page, hs);
    await page.keyboard.press('j');
    const selected = page.locator('.list-inner [role="row"][aria-selected="true"]');
    await expect(selected).toHaveAttribute('data-id', String(first.id));
    await hs.send('/hooks/second', '{}', { 'Content-Type': 'application/json' });
    await expect(page.locator('.list-inner [role="row"]')).toHaveCount(2);
    await expect(selected).toHaveAttribute('data-id', String(first.id));
    await page.keyboard.press('k');
    await expect(selected).toContainText('/hooks/second');
  });
});

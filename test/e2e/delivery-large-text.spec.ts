// A large text body is shown a step at a time (one <pre> of tens of millions of characters freezes the
// page), without splitting a character at a step's edge, each step as much again as is on screen,
// until all of it is there.
import { expect, openUi, test } from './fixtures.js';

const STEP = 200_000;
// An emoji (two UTF-16 code units) straddles the first step's edge.
const BODY = 'a'.repeat(STEP - 1) + '😀' + 'b'.repeat(1_050_000);

test('a large raw body pages in steps and ends whole', async ({ page, hs }) => {
  const sent = await hs.send('/hooks/big', BODY, { 'Content-Type': 'text/plain; charset=utf-8' });
  await openUi(page, hs);
  await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
  const raw = page.getByTestId('raw-body');
  const shown = () => raw.evaluate((el) => el.textContent ?? '');

  await expect(raw).toBeVisible();
  const first = await shown();
  expect(first.length).toBe(STEP + 1);
  expect(first.endsWith('a😀')).toBe(true);
  const more = page.getByRole('button', { name: /^Show more/ });
  await expect(more).toHaveText('Show more (1,050,000 characters left)');

  await more.click();
  await expect(more).toHaveText('Show more (850,000 characters left)');
  expect((await shown()).length).toBe(2 * STEP + 1);

  await more.click(); // as much again as is shown
  await expect(more).toHaveText('Show more (449,999 characters left)');
  expect((await shown()).length).toBe(4 * STEP + 2);

  await more.click();
  await expect(more).toHaveCount(0);
  expect(await shown()).toBe(BODY);
});

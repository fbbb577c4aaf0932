import { TASK_UPDATED } from './signing.js';
import { expect, openUi, test } from './fixtures.js';

/** Relative luminance-ish brightness (0..255) of a computed `rgb(r, g, b)` colour. */
function brightness(rgb: string): number {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g)!.map(Number) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`the ${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test(`follows the OS when it prefers ${scheme}`, async ({ page, hs }) => {
      await hs.send('/hooks/theme', TASK_UPDATED, { 'Content-Type': 'application/json', 'X-Webhook-Signature': 'sha256=00' });
      await openUi(page, hs);
      await page.locator('.list-inner [role="row"]').first().click();
      await expect(page.getByTestId('json-tree')).toBeVisible();
      // Strings run in the page (these test files are type-checked without the DOM library).
      const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      const text = await page.evaluate<string>('getComputedStyle(document.body).color');
      if (scheme === 'dark') expect(brightness(background)).toBeLessThan(60);
      else expect(brightness(background)).toBeGreaterThan(200);
      // Text keeps its contrast either way.
      expect(Math.abs(brightness(text) - brightness(background))).toBeGreaterThan(150);
      await hs.screenshot(`theme-${scheme}`);
    });
  });
}

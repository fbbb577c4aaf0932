// The inbox, second pass (issue 14): the event column, no endpoint repeating the path, "12 of 50",
// highlighted search matches, Enter from the search, the filter bar beside the detail, `?`, and Enter
// after clicking a tab.
import type { Page } from '@playwright/test';
import { AGILETUNE_SECRET, TASK_UPDATED, agileTuneHeaders } from './signing.js';
import { expect, openUi, test, type Hookscope } from './fixtures.js';

const row = (page: Page, id: number) => page.locator(`[role="row"][data-id="${id}"]`);
const json = { 'Content-Type': 'application/json' };

async function mixedInbox(hs: Hookscope) {
  await hs.call('endpoints.create', { path: '/hooks/agiletune', provider: 'agiletune', secret: AGILETUNE_SECRET });
  await hs.call('endpoints.create', { path: '/hooks/gh', provider: 'github', secret: 'gh' });
  const agile = await hs.send('/hooks/agiletune', TASK_UPDATED, agileTuneHeaders(TASK_UPDATED));
  const github = await hs.send('/hooks/gh/repo-a', '{"action":"opened"}', { ...json, 'X-GitHub-Event': 'pull_request', 'X-Hub-Signature-256': 'sha256=00' });
  const almirant = await hs.send('/other/almirant', '{"type":"deal.won","data":{}}', { ...json, 'X-Almirant-Signature': 'ab' });
  const plain = await hs.send('/somewhere/else', '{"hello":"<b>world</b>"}', json);
  return { agile, github, almirant, plain };
}

test.describe('the inbox, second pass', () => {
  test('lists each delivery\'s event type and names the endpoint only where the path does not', async ({ page, hs }) => {
    const { agile, github, almirant, plain } = await mixedInbox(hs);
    await openUi(page, hs);
    const event = (id: number) => row(page, id).locator('.c-event');
    await expect(event(agile.id)).toHaveText('task.updated');
    await expect(event(github.id)).toHaveText('pull_request');
    await expect(event(almirant.id)).toHaveText('deal.won');
    await expect(event(plain.id)).toHaveText('');
    await expect(page.getByRole('columnheader', { name: 'Event' })).toBeVisible();

    const endpoint = (id: number) => row(page, id).locator('.c-endpoint');
    // The path says it already: only the provider.
    await expect(endpoint(agile.id)).toHaveText('AgileTune');
    await expect(endpoint(github.id)).toContainText('via /hooks/gh');
    await expect(endpoint(plain.id)).toContainText('unmatched');
    // The API carries the event too.
    const { items } = await hs.call<{ items: Array<{ id: number; event: string | null }> }>('deliveries.list');
    expect(items.find((d) => d.id === github.id)?.event).toBe('pull_request');
    await hs.screenshot('inbox-flow-events-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await hs.screenshot('inbox-flow-events-dark');
  });

  test('counts what the filters kept, highlights the search as text, and Enter in the search opens the first result', async ({ page, hs }) => {
    const { plain } = await mixedInbox(hs);
    await openUi(page, hs);
    await expect(page.locator('.list-inner [role="row"]')).toHaveCount(4);
    await expect(page.getByTestId('filter-count')).toHaveCount(0);

    const search = page.getByRole('searchbox', { name: 'Search deliveries' });
    await search.fill('ELSE');
    await expect(page.locator('.list-inner [role="row"]')).toHaveCount(1);
    await expect(page.getByTestId('filter-count')).toHaveText('1 of 4');
    const hit = row(page, plain.id).locator('mark.search-hit');
    await expect(hit).toHaveText('else');

    // Enter without waiting for the pause in typing: the search runs at once, the first result opens.
    await search.fill('world');
    await search.press('Enter');
    await expect(page.getByTestId('delivery-detail')).toContainText('/somewhere/else');
    await expect(page.getByTestId('filter-count')).toHaveText('1 of 4');
    // The body's markup stays text.
    await expect(page.locator('b', { hasText: 'world' })).toHaveCount(0);
    await page.getByRole('combobox', { name: 'Provider' }).selectOption('github');
    await expect(page.getByTestId('filter-count')).toHaveText('0 of 4');
  });

  test('the filter bar fits beside the open detail, at 1440×900 and narrower, in light and dark', async ({ page, hs }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const { github } = await mixedInbox(hs);
    await openUi(page, hs);
    await page.getByRole('searchbox', { name: 'Search deliveries' }).fill('hooks');
    await page.getByRole('combobox', { name: 'Method' }).selectOption('POST');
    await row(page, github.id).click();
    await expect(page.getByTestId('delivery-detail')).toBeVisible();
    const bar = page.getByRole('search');
    await expect(page.getByTestId('filter-count')).toHaveText('2 of 4');
    for (const width of [1440, 1100]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await bar.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), `no overflow at ${width}px`).toBe(true);
      const area = (await bar.boundingBox())!;
      for (const control of [page.getByRole('button', { name: 'Clear filters' }), page.getByRole('combobox', { name: 'Method' }), page.getByTestId('filter-count')]) {
        const box = (await control.boundingBox())!;
        expect(box.x + box.width, `inside the bar at ${width}px`).toBeLessThanOrEqual(area.x + area.width + 1);
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await hs.screenshot('inbox-flow-detail-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await hs.screenshot('inbox-flow-detail-dark');
  });

  test('? lists the keyboard shortcuts, and Esc closes them', async ({ page, hs }) => {
    await hs.send('/hooks/a', '{}', json);
    await openUi(page, hs);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toContainText('open the selected delivery');
    await expect(dialog).toContainText('mark for diff');
    await hs.screenshot('inbox-flow-shortcuts');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('Enter after clicking a tab opens the selected delivery instead of pressing the tab again', async ({ page, hs }) => {
    const first = await hs.send('/hooks/one', '{"n":1}', json);
    const second = await hs.send('/hooks/two', '{"n":2}', json);
    await openUi(page, hs);
    await page.getByRole('button', { name: 'Endpoints' }).click();
    await page.getByRole('button', { name: 'Inbox' }).click();
    await page.keyboard.press('j');
    await expect(row(page, second.id)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('delivery-detail');
    await expect(detail).toContainText('/hooks/two');

    await detail.getByRole('tab', { name: /Headers/ }).click();
    await page.keyboard.press('j');
    await expect(detail).toContainText('/hooks/one');
    // A tab reached with the keyboard, not showing yet, is still pressed by Enter.
    const details = detail.getByRole('tab', { name: 'Details' });
    await details.focus();
    await page.keyboard.press('Enter');
    await expect(details).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Escape');
    await expect(detail).toBeHidden();
    await page.keyboard.press('Enter');
    await expect(detail).toContainText('/hooks/one');
    expect(first.id).toBeLessThan(second.id);
  });
});

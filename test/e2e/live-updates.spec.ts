// The event stream can drop (laptop sleep, server busy): when it comes back, the inbox fetches what
// arrived meanwhile, so nothing is silently missing.
import http from 'node:http';
import { expect, openUi, test } from './fixtures.js';

test.describe('live updates', () => {
  test('after the event stream drops and comes back, deliveries sent meanwhile appear', async ({ page, hs }) => {
    // The first stream ends right after it opens (a dropped connection); the reconnection waits until
    // the test has sent a delivery that no stream announced.
    let streams = 0;
    let reconnect!: () => void;
    const reconnected = new Promise<void>((resolve) => (reconnect = resolve));
    await page.route('**/api/events?**', async (route) => {
      if (++streams === 1) {
        return route.fulfill({ status: 200, contentType: 'text/event-stream', body: 'retry: 200\nevent: hello\ndata: {}\n\n' });
      }
      await reconnected;
      return route.continue();
    });
    await page.goto(hs.serve.uiUrl);
    await expect(page.getByTestId('status-bar')).toContainText('reconnecting');
    // The first page is loaded (empty) before the delivery is sent, so only a refetch can bring it in.
    await expect(page.getByTestId('empty-state')).toBeVisible();
    const missed = await hs.send('/hooks/while-disconnected', '{}', { 'Content-Type': 'application/json' });
    await page.waitForTimeout(500);
    await expect(page.locator(`[role="row"][data-id="${missed.id}"]`)).toHaveCount(0);

    reconnect();
    await expect(page.getByTestId('status-bar')).toContainText('live');
    await expect(page.locator(`[role="row"][data-id="${missed.id}"]`)).toContainText('/hooks/while-disconnected');
    // And the stream is live again.
    const after = await hs.send('/hooks/after', '{}', { 'Content-Type': 'application/json' });
    await expect(page.locator(`[role="row"][data-id="${after.id}"]`)).toBeVisible();
  });

  test('the filters apply to live rows as well as to the list', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/a' });
    await openUi(page, hs);
    await hs.send('/hooks/a', '{"k":"first"}', { 'Content-Type': 'application/json' });
    await page.getByRole('combobox', { name: 'Endpoint' }).selectOption('/hooks/a');
    await hs.send('/hooks/b', '{"k":"other"}', { 'Content-Type': 'application/json' });
    const second = await hs.send('/hooks/a', '{"k":"needle"}', { 'Content-Type': 'application/json' });
    const rows = page.locator('.list-inner [role="row"]');
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toHaveAttribute('data-id', String(second.id));

    // The text search runs on the server, over bodies too; new rows are matched there as well.
    await page.getByRole('searchbox', { name: 'Search deliveries' }).fill('needle');
    await expect(rows).toHaveCount(1);
    const third = await hs.send('/hooks/a', '{"k":"another needle"}', { 'Content-Type': 'application/json' });
    await hs.send('/hooks/a', '{"k":"hay"}', { 'Content-Type': 'application/json' });
    await expect(rows.first()).toHaveAttribute('data-id', String(third.id));
    await expect(rows).toHaveCount(2);
  });

  test('rows under the pointer stay still while new ones arrive at the top, so a click opens the row aimed at', async ({ page, hs }) => {
    await openUi(page, hs);
    for (let i = 0; i < 40; i++) await hs.send('/hooks/a', `{"n":${i}}`, { 'Content-Type': 'application/json' });
    const rows = page.locator('.list-inner [role="row"]');
    await expect(rows.first()).toContainText('/hooks/a');
    await expect.poll(() => page.getByTestId('delivery-list').evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true); // it scrolls
    const aimed = rows.nth(3);
    const id = await aimed.getAttribute('data-id');
    const box = (await aimed.boundingBox())!;
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(at.x, at.y);
    const newest = await hs.send('/hooks/a', '{"n":"new"}', { 'Content-Type': 'application/json' });
    await hs.send('/hooks/a', '{"n":"newer"}', { 'Content-Type': 'application/json' });
    await expect(page.locator(`.list-inner [role="row"][data-id="${newest.id + 1}"]`)).toHaveCount(1); // arrived (above, out of view)
    const aimedBox = await page.locator(`.list-inner [role="row"][data-id="${id}"]`).boundingBox();
    expect(aimedBox && at.y >= aimedBox.y && at.y < aimedBox.y + aimedBox.height).toBe(true); // still under the pointer
    await page.mouse.click(at.x, at.y);
    await expect(page.getByText(`#${id} ·`)).toBeVisible();
  });

  test('a burst with the inbox open is filed as it arrives: the inbox grows while it lasts, and ends up with every capture', async ({ page, hs }) => {
    await openUi(page, hs);
    // Sixteen connections back to back: past the 1,000 captures a second that are filed before their
    // answers. Nobody watching, answering would come first and filing wait for a pause; with the UI's
    // event stream open, the burst is filed (and announced) as it arrives.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    let stop = false;
    let acknowledged = 0;
    const post = () =>
      new Promise<void>((resolve) => {
        const req = http.request(`${hs.serve.receiverUrl}/hooks/burst`, { method: 'POST', agent }, (res) => {
          if (res.statusCode === 200) acknowledged++;
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', () => resolve());
        req.end('{"burst":true}');
      });
    const lanes = Array.from({ length: 16 }, async () => {
      while (!stop) await post();
    });
    const shown = async () => Number((await page.getByTestId('status-counts').textContent())?.match(/([\d,]+) deliveries/)?.[1]?.replace(/,/g, '') ?? 0);
    try {
      await expect.poll(shown, { timeout: 20_000 }).toBeGreaterThanOrEqual(300);
      const seen = acknowledged;
      await expect.poll(() => acknowledged, { timeout: 20_000 }).toBeGreaterThan(seen + 300); // it was shown mid-burst
    } finally {
      stop = true;
      await Promise.all(lanes);
      agent.destroy();
    }
    await expect(page.getByTestId('status-counts')).toContainText(`${acknowledged.toLocaleString('en-US')} deliveries`, { timeout: 30_000 });
    const stats = await hs.call<{ deliveries: number }>('stats.get', {});
    expect(stats.deliveries).toBe(acknowledged);
  });
});

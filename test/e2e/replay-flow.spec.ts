// The replay view, second pass (issues 14.11 and 14.15): a heading that names what was marked, earlier
// replays newest first, and a refused host answered with what the UI can do (allow it), not a flag.
import { startHandler, type Handler } from './support/handler.js';
import { expect, openUi, test } from './fixtures.js';

let handler: Handler;
test.beforeEach(async () => {
  handler = await startHandler(202, 'handled');
});
test.afterEach(async () => {
  await handler.close();
});

const json = { 'Content-Type': 'application/json' };

test.describe('the replay view, second pass', () => {
  test('names the marked deliveries in the heading, not the first one\'s path, and lists earlier replays newest first', async ({ page, hs }) => {
    const ids: number[] = [];
    for (const n of [1, 2, 3]) ids.push((await hs.send(`/hooks/m${n}`, `{"n":${n}}`, json)).id);
    // Two earlier replays of the first, through the API.
    const older = await hs.call<{ replays: Array<{ id: number }> }>('replay.send', { ids: [ids[0]], target: handler.url });
    const newer = await hs.call<{ replays: Array<{ id: number }> }>('replay.send', { ids: [ids[0]], target: handler.url });
    await openUi(page, hs);
    for (const id of ids) await page.getByRole('checkbox', { name: `Mark delivery ${id}` }).check();
    await page.getByRole('button', { name: /Replay in order/ }).click();

    const heading = page.getByRole('heading', { level: 2 });
    await expect(heading).toHaveText('Replay 3 deliveries');
    const earlier = page.getByRole('region', { name: 'Earlier replays' }).getByTestId('replay-result');
    await expect(earlier).toHaveCount(2);
    await expect(earlier.first()).toHaveAttribute('data-replay-id', String(newer.replays[0]!.id));
    await expect(earlier.last()).toHaveAttribute('data-replay-id', String(older.replays[0]!.id));
    await hs.screenshot('replay-flow-multi');

    // One delivery: its own path in the heading, its replays newest first too.
    await page.getByRole('button', { name: 'Inbox' }).click();
    await page.getByRole('button', { name: 'Clear marks' }).click();
    await page.locator(`[role="row"][data-id="${ids[0]}"]`).click();
    await page.getByRole('button', { name: 'Replay…' }).click();
    await expect(heading).toContainText(`Replay #${ids[0]}`);
    await expect(heading).toContainText('/hooks/m1');
    await expect(earlier.first()).toHaveAttribute('data-replay-id', String(newer.replays[0]!.id));
  });

  test('a non-loopback target is refused in the UI\'s words, with an offer to allow the host', async ({ page, hs }) => {
    const sent = await hs.send('/hooks/r', '{"n":1}', json);
    await openUi(page, hs);
    hs.ignoreConsoleErrors(/422/);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    await page.getByRole('button', { name: 'Replay…' }).click();
    // 0.0.0.0 is not loopback by name, yet connecting to it stays on this machine (Linux).
    const port = new URL(handler.url).port;
    await page.getByLabel('Target').fill(`http://0.0.0.0:${port}`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    const form = page.getByRole('form', { name: 'Replay' });
    await expect(form.getByRole('alert')).toContainText('only loopback targets');
    await expect(form).not.toContainText('--allow-host');
    await expect(form).not.toContainText('replay.send');
    await hs.screenshot('replay-flow-refused');
    await form.getByRole('button', { name: 'Allow 0.0.0.0 and send' }).click();
    await expect(page.getByRole('region', { name: 'Replay results' }).getByTestId('replay-result')).toHaveAttribute('data-status', '202');
    expect(handler.received).toHaveLength(1);
  });
});

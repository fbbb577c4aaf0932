import { startHandler, type Handler } from './support/handler.js';
import net from 'node:net';
import { expect, openUi, test } from './fixtures.js';

/** A port next to `port` on which nothing listens on loopback. */
async function freeNeighbour(port: number): Promise<number> {
  const open = (host: string, p: number) =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port: p });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
  for (const p of [port + 1, port - 1, port + 2, port - 2]) if (!(await open('127.0.0.1', p)) && !(await open('::1', p))) return p;
  throw new Error('no free neighbour port');
}

let handler: Handler;
test.beforeEach(async () => {
  handler = await startHandler(201, 'handled');
});
test.afterEach(async () => {
  await handler.close();
});

test.describe('the replay view', () => {
  test('replays an edited delivery to a local handler and shows the answer', async ({ page, hs }) => {
    const sent = await hs.send('/hooks/orders?shop=1', '{"order":1}', { 'Content-Type': 'application/json', 'X-Trace': 'abc' });
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    await page.getByRole('button', { name: 'Replay…' }).click();

    await page.getByLabel('Target').fill(handler.url);
    const body = page.getByRole('textbox', { name: 'Replay body' });
    await body.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('{"order":2}');
    await expect(page.getByRole('button', { name: 'Reset to captured' })).toBeVisible();
    await hs.screenshot('replay-edit');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    const result = page.getByTestId('replay-result').first();
    await expect(result).toHaveAttribute('data-status', '201');
    await expect(result).toContainText('handled');
    expect(handler.received).toHaveLength(1);
    expect(handler.received[0]).toMatchObject({ method: 'POST', path: '/hooks/orders?shop=1', body: '{"order":2}' });
    expect(handler.received[0]!.headers['x-trace']).toBe('abc');
    await hs.screenshot('replay-result');
  });

  test('a replay to a port where nothing listens says why in words, naming the handler port that does listen', async ({ page, hs }) => {
    const sent = await hs.send('/hooks/orders', '{"order":1}', { 'Content-Type': 'application/json' });
    const port = Number(new URL(handler.url).port);
    const dead = await freeNeighbour(port);
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    await page.getByRole('button', { name: 'Replay…' }).click();
    await page.getByLabel('Target').fill(`http://127.0.0.1:${dead}`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    const result = page.getByTestId('replay-result').first();
    await expect(result).toContainText('refused');
    await result.locator('summary').click();
    const why = result.getByTestId('replay-diagnosis');
    await expect(why).toContainText(`Why: nothing listens on port ${dead} (checked 127.0.0.1 and ::1).`);
    await expect(why).toContainText(String(port));
    await hs.screenshot('replay-diagnosis');
  });

  test('remembers the target per endpoint', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/shop' });
    const first = await hs.send('/hooks/shop', '{}', { 'Content-Type': 'application/json' });
    const second = await hs.send('/hooks/shop/orders', '{}', { 'Content-Type': 'application/json' });
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${first.id}"]`).click();
    await page.getByRole('button', { name: 'Replay…' }).click();
    await page.getByLabel('Target').fill(`${handler.url}/elsewhere`);

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inbox' }).click();
    await page.locator(`[role="row"][data-id="${second.id}"]`).click();
    await page.getByRole('button', { name: 'Replay…' }).click();
    await expect(page.getByLabel('Target')).toHaveValue(`${handler.url}/elsewhere`);
  });

  test('replays marked deliveries one after another, oldest first', async ({ page, hs }) => {
    const ids: number[] = [];
    for (const n of [1, 2, 3]) ids.push((await hs.send(`/hooks/seq/${n}`, `{"n":${n}}`, { 'Content-Type': 'application/json' })).id);
    await openUi(page, hs);
    // Marked newest first; sent in the order they arrived.
    for (const id of [...ids].reverse()) await page.getByRole('checkbox', { name: `Mark delivery ${id}` }).check();
    await page.getByRole('button', { name: 'Replay in order…' }).click();
    await page.getByLabel('Target').fill(handler.url);
    await page.getByRole('button', { name: 'Send 3 in order' }).click();

    await expect(page.getByTestId('replay-result')).toHaveCount(3);
    expect(handler.received.map((r) => r.path)).toEqual(['/hooks/seq/1', '/hooks/seq/2', '/hooks/seq/3']);
  });

  test('a target that is not loopback is refused, with the reason', async ({ page, hs }) => {
    const sent = await hs.send('/hooks/x', '{}', { 'Content-Type': 'application/json' });
    await openUi(page, hs);
    await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
    await page.getByRole('button', { name: 'Replay…' }).click();
    await page.getByLabel('Target').fill('http://example.com/hook');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveAttribute('data-code', 'refused-target');
    hs.ignoreConsoleErrors(/422/);
    expect(handler.received).toHaveLength(0);
  });
});

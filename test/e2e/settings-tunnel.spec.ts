// The tunnel chosen in Settings (issue #21), against a real serve with the stand-in cloudflared on
// PATH: switched on, the public URL shows in Settings, the status bar and per endpoint; switched off,
// it goes. ngrok without an authtoken says so in one line while the receiver runs on. The authtoken
// typed into Settings never comes back: not in the page's HTML, the API's answers or serve's output.
import { fakeCloudflaredDir, FAKE_TUNNEL_URL } from '../support/fake-cloudflared.js';
import { expect, openUi, test, type Hookscope } from './fixtures.js';
import type { Page } from '@playwright/test';

const TOKEN = '2zQe2eNgrokToken_9f8e7d6c5b4aQwErTy';

// A stand-in per test: each test's clean-up removes the temporary folders, the stand-in's among them.
test.use({
  serveWith: async ({}, use) => {
    await use({ env: { PATH: `${fakeCloudflaredDir()}:${process.env.PATH}`, STANDIN_MODE: 'ok', NGROK_AUTHTOKEN: '' } });
  },
});

async function openSettings(page: Page, hs: Hookscope) {
  await openUi(page, hs);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Public URL' })).toBeVisible();
}

test('switching cloudflared on in Settings gives the public URL everywhere, and switching it off takes it away', async ({ page, hs }) => {
  await hs.call('endpoints.create', { path: '/hooks/gh' });
  await openSettings(page, hs);
  const tunnel = page.getByRole('radiogroup', { name: 'Tunnel' });
  await expect(tunnel.getByRole('radio', { name: /None/ })).toBeChecked();
  await expect(page.getByTestId('tunnel-now')).toHaveText('Off: no public URL.');

  await tunnel.getByRole('radio', { name: /cloudflared/ }).check();
  await expect(page.getByTestId('tunnel-now')).toContainText(`cloudflared${FAKE_TUNNEL_URL}`);
  await expect(page.getByTestId('status-public-url')).toContainText(`Public (cloudflared) ${FAKE_TUNNEL_URL}`);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints' }).click();
  await expect(page.getByTestId('endpoint-row').filter({ hasText: '/hooks/gh' }).getByTestId('endpoint-public-url')).toHaveText(`${FAKE_TUNNEL_URL}/hooks/gh`);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await tunnel.getByRole('radio', { name: /None/ }).check();
  await expect(page.getByTestId('tunnel-now')).toHaveText('Off: no public URL.');
  await expect(page.getByTestId('status-public-url')).toHaveCount(0);
  expect(await hs.call('settings.get')).toMatchObject({ publicUrl: null });
});

test('ngrok without an authtoken says what to do in one line, in Settings and the status bar, and the receiver keeps running', async ({ page, hs }) => {
  await openSettings(page, hs);
  await page.getByRole('radiogroup', { name: 'Tunnel' }).getByRole('radio', { name: /ngrok/ }).check();
  const alert = page.getByTestId('tunnel-now').getByRole('alert');
  await expect(alert).toContainText('No public URL: ngrok needs an authtoken: set NGROK_AUTHTOKEN, or save it in the settings');
  await expect(page.getByTestId('status-tunnel')).toContainText('No public URL (ngrok): ngrok needs an authtoken');
  await page.setViewportSize({ width: 1440, height: 900 });
  await hs.screenshot('settings-tunnel-failed');
  expect((await hs.send('/hooks/any', '{}')).status).toBe(200);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inbox' }).click();
  await page.getByTestId('status-tunnel').click();
  await expect(page.getByRole('heading', { name: 'Public URL' })).toBeVisible();
});

test('the ngrok authtoken is saved masked and never appears in the page, the API or the logs', async ({ page, hs }) => {
  await openSettings(page, hs);
  await expect(page.getByTestId('ngrok-token-saved')).toHaveText('Not saved.');
  await page.getByLabel('ngrok authtoken').fill(TOKEN);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('ngrok-token-saved')).toContainText(`Saved: …${TOKEN.slice(-4)}`);
  await expect(page.getByLabel('ngrok authtoken')).toHaveValue('');

  const secretPart = TOKEN.slice(0, 14);
  expect(await page.content()).not.toContain(secretPart);
  await page.reload();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('ngrok-token-saved')).toContainText(`Saved: …${TOKEN.slice(-4)}`);
  expect(await page.content()).not.toContain(secretPart);
  for (const method of ['settings.get', 'settings.list', 'tunnel.status']) expect(JSON.stringify(await hs.call(method))).not.toContain(secretPart);
  expect(hs.serve.stdout() + hs.serve.stderr()).not.toContain(secretPart);

  // Replaced with another; then removed.
  await page.getByLabel('ngrok authtoken').fill(`${TOKEN}Z2`);
  await page.getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByTestId('ngrok-token-saved')).toContainText('Saved: …TyZ2');
  await page.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByTestId('ngrok-token-saved')).toHaveText('Not saved.');
});

test('a token that is not one is refused beside the field without being repeated', async ({ page, hs }) => {
  hs.ignoreConsoleErrors(/status of 400/); // the refusal, as the API answers it
  await openSettings(page, hs);
  await page.getByLabel('ngrok authtoken').fill('not a token');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'tunnel.ngrokAuthtoken must be' });
  await expect(alert).toBeVisible();
  await expect(alert).not.toContainText('not a token');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`Settings with a tunnel up, at 1440x900 (${scheme})`, async ({ page, hs }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1440, height: 900 });
    await hs.call('settings.set', { key: 'tunnel.ngrokAuthtoken', value: TOKEN });
    await openSettings(page, hs);
    await page.getByRole('radiogroup', { name: 'Tunnel' }).getByRole('radio', { name: /cloudflared/ }).check();
    await expect(page.getByTestId('status-public-url')).toBeVisible();
    await hs.send('/hooks/any', '{}');
    await expect(page.getByTestId('status-counts')).toContainText('1 delivery');
    await hs.screenshot(`settings-tunnel-${scheme}`);
  });
}

test('the status bar\'s counts sit on one line with their neighbours', async ({ page, hs }) => {
  await hs.send('/hooks/any', '{}');
  await openUi(page, hs);
  await expect(page.getByTestId('status-counts')).toContainText('1 delivery');
  // Where each piece of text is drawn (its glyph box, not its element's, which a flex row stretches).
  // (Browser code as a string: the tests' type-check has no DOM library.)
  const tops = await page.evaluate<Array<{ text: string; top: number }>>(`(() => {
    const out = [];
    const bar = document.querySelector('[data-testid=status-bar]');
    const walker = document.createTreeWalker(bar, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || node.parentElement.closest('kbd, code')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      out.push({ text: node.textContent.trim(), top: range.getBoundingClientRect().top });
    }
    return out;
  })()`);
  const live = tops.find((t) => t.text === 'live')!.top;
  for (const t of tops) expect(Math.abs(t.top - live), `"${t.text}" against "live"`).toBeLessThanOrEqual(0.5);
});

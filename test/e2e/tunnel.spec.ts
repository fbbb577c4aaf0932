// A tunnel's public URL in the UI (serve --tunnel, with a stand-in cloudflared on PATH): in the status
// bar and per endpoint with a copy button; and a capture that came through it shows its original client.
import { fakeCloudflaredDir, FAKE_TUNNEL_URL } from '../support/fake-cloudflared.js';
import { expect, openUi, test } from './fixtures.js';

test.use({ serveWith: { args: ['--tunnel', 'cloudflared'], env: { PATH: `${fakeCloudflaredDir()}:${process.env.PATH}`, STANDIN_MODE: 'ok' } } });

test('the public URL shows in the status bar and per endpoint, and a tunnelled capture shows its original client', async ({ page, hs }) => {
  await hs.call('endpoints.create', { path: '/hooks/gh' });
  await openUi(page, hs);
  await expect(page.getByTestId('status-public-url')).toContainText(`Public (cloudflared) ${FAKE_TUNNEL_URL}`);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints' }).click();
  const row = page.getByTestId('endpoint-row').filter({ hasText: '/hooks/gh' });
  await expect(row.getByTestId('endpoint-public-url')).toHaveText(`${FAKE_TUNNEL_URL}/hooks/gh`);
  await expect(row.getByRole('button', { name: 'Copy public URL' })).toBeVisible();
  await hs.screenshot('tunnel-endpoint');

  // What cloudflared's connection looks like at the receiver: loopback socket, the client in headers.
  const sent = await hs.send('/hooks/gh', '{"zen":"hi"}', [
    ['Cf-Connecting-Ip', '203.0.113.9'],
    ['Cf-Ray', '8f1c2a3b4c5d6e7f-AMS'],
    ['X-Forwarded-For', '203.0.113.9'],
    ['X-Forwarded-Proto', 'https'],
    ['Content-Type', 'application/json'],
  ]);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Inbox' }).click();
  await page.locator(`[role="row"][data-id="${sent.id}"]`).click();
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByTestId('original-client')).toHaveText('203.0.113.9 over https, through cloudflared (Cloudflare)');
});

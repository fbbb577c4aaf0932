// The smee relay in the UI: set from the endpoint form, and the status bar says when it is down.
import { startSmeeStandIn } from '../support/smee-server.js';
import { expect, openUi, test } from './fixtures.js';

test('a relay set in the endpoint form shows in the status bar, down with the reason when its channel is missing', async ({ page, hs }) => {
  const smee = await startSmeeStandIn();
  try {
    smee.refuseWith = 404;
    await openUi(page, hs);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints' }).click();
    await page.getByRole('button', { name: 'New endpoint' }).click();
    const form = page.getByRole('form', { name: 'New endpoint' });
    await form.getByLabel('Path').fill('/hooks/gh');
    await form.getByLabel('Relay').fill(`smee:${smee.url}/gone`);
    await form.getByRole('button', { name: 'Add endpoint' }).click();

    const status = page.getByTestId('status-relays');
    await expect(status).toContainText(`Relay down: /hooks/gh ← smee ${smee.url}/gone`);
    await expect(status).toContainText('answered HTTP 404 (no such channel');
    await hs.screenshot('relay-down');

    smee.refuseWith = 0; // the channel comes back: the relay reconnects on its own
    await expect(status).toContainText('1 relay connected', { timeout: 15_000 });
  } finally {
    await smee.close();
  }
});

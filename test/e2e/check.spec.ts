// The Check view against a real handler process: provider and secret taken from an endpoint, the
// scorecard filling in, each failure shown with its advice and the exact request that exposed it; in
// the light and the dark theme.
import { requireProvider } from '../../shared/providers/registry.js';
import { snippetHandler, startHandler, stopAllHandlers } from '../support/webhook-handlers.js';
import { expect, openUi, test } from './fixtures.js';

const SECRET = 'Handler-Check-Secret-42';

test.afterEach(stopAllHandlers);

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`the check view (${scheme})`, () => {
    test.use({ colorScheme: scheme });

    test('grades a handler that accepts unsigned requests, naming the flaw and the request', async ({ page, hs }) => {
      // The generated AgileTune verifier, but answering 200 when the signature header is missing.
      const source = snippetHandler(requireProvider('agiletune')).replace(
        'return verifyWebhook(raw, header, SECRET) ? 200 : 400;',
        "if (header('X-AgileTune-Signature') === undefined) return 200;\n  return verifyWebhook(raw, header, SECRET) ? 200 : 400;",
      );
      const handler = await startHandler(source, SECRET);
      await hs.call('endpoints.create', { path: '/hooks/agile', provider: 'agiletune', secret: SECRET, forwardTo: handler.url });
      await openUi(page, hs);
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Check' }).click();
      await page.getByLabel('From endpoint').selectOption({ label: '/hooks/agile · agiletune' });
      await expect(page.getByLabel('Provider', { exact: true })).toHaveValue('agiletune');
      await expect(page.getByLabel('Handler URL')).toHaveValue(handler.url);
      await page.getByRole('button', { name: 'Run the check' }).click();

      const summary = page.getByTestId('check-summary');
      await expect(page.getByRole('button', { name: 'Run the check' })).toBeEnabled({ timeout: 30_000 });
      await expect(summary).toContainText('1 failed');
      await expect(summary).toContainText('requests recorded as send batch #');

      const failed = page.getByRole('listitem', { name: 'No signature header: rejected: failed' });
      await expect(failed).toContainText('HTTP 200');
      await expect(failed).toContainText('Expected: rejected with a 4xx');
      await expect(failed).toContainText('accepted a request with no X-AgileTune-Signature');
      await expect(failed).toContainText('hookscope providers snippet agiletune');
      // The exact request: its headers without the signature, its body.
      const request = failed.locator('.check-request');
      await expect(request.getByTestId('headers-table')).toContainText('Content-Type');
      await expect(request.getByTestId('headers-table')).not.toContainText('X-AgileTune-Signature');
      await expect(request.locator('.check-body')).toContainText('"event":"task.updated"');

      await expect(page.getByRole('listitem', { name: 'A correctly signed event is accepted in time: passed' })).toBeVisible();
      await expect(page.getByRole('listitem', { name: /^Only whitespace of the body changed after signing: rejected: passed/ })).toBeVisible();
      await expect(page.getByRole('listitem', { name: /A wrong key: rejected: skipped/ })).toContainText('static key');
      await failed.scrollIntoViewIfNeeded();
      await hs.screenshot(`check-${scheme}`);
    });
  });
}

test('refuses a target that is not on this machine, saying why', async ({ page, hs }) => {
  hs.ignoreConsoleErrors(/422|Unprocessable/);
  await openUi(page, hs);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Check' }).click();
  await page.getByLabel('Handler URL').fill('http://example.com/webhooks');
  await page.getByRole('button', { name: 'Run the check' }).click();
  await expect(page.getByText(/Hookscope's loopback rule/)).toBeVisible();
});

// The renderer on the desktop bridge: Electron cannot run here, so the page gets a `window.hookscope`
// shaped exactly like the preload's (one function per contract method, `on(event, cb)`, failures as
// plain { name, code, message } objects), which forwards to the real core through the HTTP API. The
// page is opened without a token, so only the desktop bridge can make it work.
import { METHOD_NAMES } from '../../shared/api/contract.js';
import { expect, test } from './fixtures.js';

test.describe('the UI on the desktop bridge (window.hookscope)', () => {
  test.beforeEach(async ({ page, hs }) => {
    await page.addInitScript(
      ({ token, methods }) => {
        type Listener = (payload: unknown) => void;
        const surface: Record<string, unknown> = {};
        for (const method of methods) {
          surface[method] = async (input: unknown) => {
            const res = await fetch(`/api/call/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
            const body = (await res.json()) as { result?: unknown; error?: { code: string; message: string; issues?: string[] } };
            // Failures as the preload gives them: a plain object (contextBridge keeps those whole).
            if (body.error) throw { name: 'ApiError', code: body.error.code, message: body.error.message, issues: body.error.issues };
            return body.result;
          };
        }
        const EventSourceCtor = (globalThis as unknown as { EventSource: new (url: string) => { addEventListener(n: string, l: (e: { data: string }) => void): void } }).EventSource;
        const source = new EventSourceCtor(`/api/events?token=${token}`);
        // host.status comes from the desktop app's main process, not the core: the test plays it.
        const hostStatusListeners = new Set<Listener>();
        (globalThis as unknown as { playHostStatus: Listener }).playHostStatus = (payload) => hostStatusListeners.forEach((l) => l(payload));
        surface.on = (name: string, listener: Listener) => {
          if (name === 'host.status') {
            hostStatusListeners.add(listener);
            return () => void hostStatusListeners.delete(listener);
          }
          let live = true;
          source.addEventListener(name, (e) => live && listener(JSON.parse(e.data)));
          return () => void (live = false);
        };
        (globalThis as unknown as { hookscope: unknown }).hookscope = Object.freeze(surface);
      },
      { token: hs.serve.token, methods: METHOD_NAMES },
    );
  });

  test('shows live deliveries and their verdicts without an HTTP token', async ({ page, hs }) => {
    await page.goto(`${hs.serve.apiUrl}/`);
    await expect(page.getByTestId('empty-state')).toBeVisible();
    const sent = await hs.send('/hooks/desktop', '{"a":1}', { 'Content-Type': 'application/json' });
    const row = page.locator(`[role="row"][data-id="${sent.id}"]`);
    await expect(row.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'unsigned');
    await row.click();
    await expect(page.getByTestId('json-tree')).toContainText('"a": 1');
  });

  test('shows an API refusal with its code, as over HTTP', async ({ page, hs }) => {
    await hs.call('endpoints.create', { path: '/hooks/taken' });
    await page.goto(`${hs.serve.apiUrl}/`);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Endpoints' }).click();
    await page.getByRole('button', { name: 'New endpoint' }).click();
    const form = page.getByRole('form', { name: 'New endpoint' });
    await form.getByLabel('Path').fill('/hooks/taken');
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(form.getByRole('alert')).toHaveAttribute('data-code', 'conflict');
    await expect(form.getByRole('alert')).toContainText('already exists');
    hs.ignoreConsoleErrors(/409/);
  });

  test('says in the status bar when the core process restarts or stopped, and clears it once it is back', async ({ page, hs }) => {
    await page.goto(`${hs.serve.apiUrl}/`);
    const bar = page.getByTestId('status-bar');
    const message = page.getByTestId('status-connection-message');
    await expect(bar).toContainText('live');
    const play = (payload: { state: string; message: string | null }) =>
      page.evaluate((p) => (globalThis as unknown as { playHostStatus(p: unknown): void }).playHostStatus(p), payload);

    await play({ state: 'restarting', message: 'The core process stopped unexpectedly (killed): restarting it. Webhooks it acknowledged are kept.' });
    await expect(bar).toContainText('reconnecting…');
    await expect(message).toHaveText(/stopped unexpectedly.*restarting it/);

    await play({ state: 'running', message: null });
    await expect(bar).toContainText('live');
    await expect(message).toHaveCount(0);

    await play({ state: 'stopped', message: 'The Hookscope core stopped 5 times in a row and was not restarted.' });
    await expect(bar).toContainText('core stopped');
    await expect(message).toContainText('was not restarted');
  });
});

// Playwright fixtures: a real `hookscope serve` per test (free ports, temp database), the page opened
// on its UI link, and helpers that send real HTTP requests to the receiver. Console errors and CSP
// violations fail the test that caused them: a blocked script would be a broken UI.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { callApi, ROOT, startServe, type ServeInfo } from '../support/cli.js';
import { removeTempDirs, tempDbFile } from '../support/temp.js';
import { seedDeliveries } from './support/seed.js';

export const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');

export interface Sent {
  status: number;
  id: number;
}

/** Header pairs in the order to send them; a name may repeat. */
export type HeaderPairs = Array<[string, string]>;

export interface Hookscope {
  serve: ServeInfo;
  /**
   * Sends a request to the receiver as a provider would: the path as written (no URL encoding), the
   * headers in this order and case, the body byte for byte.
   */
  send(pathname: string, body: string | Buffer, headers?: Record<string, string> | HeaderPairs, method?: string): Promise<Sent>;
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  screenshot(name: string): Promise<void>;
  /** Console errors matching this are expected in the test (e.g. a 401 the test provokes). */
  ignoreConsoleErrors(pattern: RegExp): void;
}

interface Fixtures {
  /** Deliveries written to the database before serve starts (test.use({ seedDeliveries: n })). */
  seedDeliveries: number;
  /** Extra `serve` flags and environment (test.use({ serve: { args, env } })). */
  serveWith: { args?: string[]; env?: NodeJS.ProcessEnv };
  hs: Hookscope;
  /** Console errors and CSP violations seen on the page during the test. */
  pageProblems: string[];
}

export const test = base.extend<Fixtures>({
  seedDeliveries: [0, { option: true }],
  serveWith: [{}, { option: true }],
  pageProblems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await use(problems);
  },
  hs: async ({ page, pageProblems, seedDeliveries: seedCount, serveWith }, use) => {
    const dbFile = tempDbFile();
    if (seedCount > 0) seedDeliveries(dbFile, seedCount);
    const serve = await startServe(dbFile, serveWith.args ?? [], serveWith.env);
    const ignored: RegExp[] = [];
    const hs: Hookscope = {
      serve,
      send: (pathname, body, headers = {}, method = 'POST') => sendRaw(serve.receiverUrl, pathname, body, headers, method),
      ignoreConsoleErrors: (pattern) => void ignored.push(pattern),
      call: (method, input = {}) => callApi(serve, method, input),
      async screenshot(name) {
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
      },
    };
    try {
      await use(hs);
      const unexpected = pageProblems.filter((p) => !ignored.some((re) => re.test(p)));
      expect(unexpected, 'console errors or CSP violations on the page').toEqual([]);
    } finally {
      await serve.stop();
      removeTempDirs();
    }
  },
});

function sendRaw(base: string, pathname: string, body: string | Buffer, headers: Record<string, string> | HeaderPairs, method: string): Promise<Sent> {
  const bytes = Buffer.from(body);
  const pairs = Array.isArray(headers) ? [...headers] : Object.entries(headers);
  if (!pairs.some(([name]) => name.toLowerCase() === 'content-length')) pairs.push(['Content-Length', String(bytes.length)]);
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    // Flat [name, value, name, value…] keeps order, case and duplicates as given.
    const req = http.request({ host: hostname, port, method, path: pathname, headers: pairs.flat() }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, id: Number(res.headers['x-hookscope-delivery']) }));
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

/** Opens the UI on its token link and waits until the inbox answered. */
export async function openUi(page: Page, hs: Hookscope): Promise<void> {
  await page.goto(hs.serve.uiUrl);
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expect(page.getByTestId('status-bar')).toContainText('live');
}

export { expect };

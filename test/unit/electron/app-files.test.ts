// What app://hookscope answers (electron/main/app-files.ts), over a real folder of files.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAppFile } from '../../../electron/main/app-files.js';
import { CONTENT_SECURITY_POLICY } from '../../../shared/net/security-headers.js';
import { removeTempDirs, tempDir } from '../../support/temp.js';

let root: string;
let uiDir: string;

beforeAll(() => {
  root = tempDir();
  uiDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(uiDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><title>Hookscope</title>');
  fs.writeFileSync(path.join(uiDir, 'assets', 'app.js'), 'console.log("ui")');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'TOP-SECRET');
});
afterAll(removeTempDirs);

const get = (url: string, method = 'GET') => serveAppFile(uiDir, { url, method });

describe('app:// files', () => {
  it('serves index.html with the strict CSP of the headless server', async () => {
    const res = await get('app://hookscope/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<title>Hookscope</title>');
  });

  it('serves scripts with a script content type and nosniff', async () => {
    const res = await get('app://hookscope/assets/app.js');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log("ui")');
  });

  it('answers unknown paths with the app shell, as the headless server does', async () => {
    expect(await (await get('app://hookscope/deliveries/42')).text()).toContain('<title>Hookscope</title>');
  });

  it('refuses encoded path traversal out of the UI folder', async () => {
    for (const url of ['app://hookscope/..%2fsecret.txt', 'app://hookscope/assets/..%2f..%2fsecret.txt', 'app://hookscope/%2e%2e%2fsecret.txt']) {
      const res = await get(url);
      expect(res.status, url).toBe(403);
      expect(await res.text(), url).not.toContain('TOP-SECRET');
    }
  });

  it('never serves a file outside the UI folder through dot segments either', async () => {
    // The URL parser folds these away before we see them; whatever is left must stay inside.
    const res = await get('app://hookscope/../secret.txt');
    expect(await res.text()).not.toContain('TOP-SECRET');
  });

  it('refuses undecodable paths', async () => {
    expect((await get('app://hookscope/%E0%A4%A')).status).toBe(403);
  });

  it('knows no other host under app://', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://hookscope/index.html', 'POST')).status).toBe(405);
    const head = await get('app://hookscope/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('says how to build the UI when it is missing', async () => {
    const res = await serveAppFile(path.join(root, 'missing'), { url: 'app://hookscope/index.html', method: 'GET' });
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build/);
  });
});

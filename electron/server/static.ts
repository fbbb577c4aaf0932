// Serves the built UI with a strict Content-Security-Policy: scripts only from this origin, no
// inline script, no framing, no plugins. Payloads are untrusted; even if one slipped into the DOM as
// markup, the CSP leaves it nothing to run.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECURITY_HEADERS } from '../../shared/net/security-headers.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The built renderer: `dist/renderer` at the project root. */
export function defaultUiDir(): string {
  return fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
}

export function serveStatic(uiDir: string | undefined, pathname: string, req: http.IncomingMessage, res: http.ServerResponse) {
  const root = path.resolve(uiDir ?? defaultUiDir());
  let relative: string;
  try {
    relative = decodeURIComponent(pathname);
  } catch {
    relative = '/';
  }
  let file = path.resolve(root, `.${relative}`);
  // Never outside the UI folder; unknown paths get the app shell (client-side views).
  if (!file.startsWith(root + path.sep) || !isFile(file)) file = path.join(root, 'index.html');
  if (!isFile(file)) return sendMissingUi(res, root);
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  fs.createReadStream(file).pipe(res);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function sendMissingUi(res: http.ServerResponse, root: string) {
  res.writeHead(503, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`The Hookscope UI is not built (${root} is missing). Run: npm run build\nThe API is available under /api/.\n`);
}

// What app://hookscope/<path> answers: a file of the built UI (dist/renderer) with the same strict
// Content-Security-Policy the headless server sends, and nothing else. The path is decoded, resolved
// and checked to stay inside the UI folder, so "..", "%2e%2e" and "..%2f" cannot reach other files;
// other hosts under app:// do not exist. Plain Node (fetch's Response), tested without Electron.
import fs from 'node:fs/promises';
import path from 'node:path';
import { SECURITY_HEADERS } from '../../shared/net/security-headers.js';
import { APP_HOST } from './origins.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface AppFileRequest {
  url: string;
  method: string;
}

export async function serveAppFile(uiDir: string, request: AppFileRequest): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return plain(404, 'not found');
  const root = path.resolve(uiDir);
  const file = resolveInside(root, url.pathname);
  if (file === null) return plain(403, 'forbidden: outside the UI folder');
  // Unknown paths get the app shell, as the headless server does (client-side views).
  const chosen = (await isFile(file)) ? file : path.join(root, 'index.html');
  if (!(await isFile(chosen))) return plain(503, `The Hookscope UI is not built (${root} is missing). Run: npm run build`);
  const body = request.method === 'HEAD' ? null : new Uint8Array(await fs.readFile(chosen));
  return new Response(body, {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[path.extname(chosen)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    },
  });
}

/** The file a URL path names inside `root`, or null when it would leave it (or cannot be decoded). */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.sep}${decoded}`);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

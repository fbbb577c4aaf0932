// A stand-in `cloudflared` on PATH: an executable that prints what cloudflared prints for a quick
// tunnel (the URL in a box on stderr, between log lines) and stays up until killed. STANDIN_MODE
// makes it fail the way cloudflared does offline ("fail"), or print no URL at all ("silent").
// It records its arguments in STANDIN_ARGS and its process id in STANDIN_PID when set.
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './temp.js';

export const FAKE_TUNNEL_URL = 'https://seasonal-deck-organisms-sf.trycloudflare.com';

const SCRIPT = `
const fs = require('node:fs');
if (process.env.STANDIN_ARGS) fs.writeFileSync(process.env.STANDIN_ARGS, JSON.stringify(process.argv.slice(2)));
if (process.env.STANDIN_PID) fs.writeFileSync(process.env.STANDIN_PID, String(process.pid));
const log = (line) => process.stderr.write('2026-12-06T22:00:00Z INF ' + line + '\\n');
const mode = process.env.STANDIN_MODE || 'ok';
log('Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out.');
log('Requesting new quick Tunnel on trycloudflare.com...');
if (mode === 'fail') {
  process.stderr.write('2026-12-06T22:00:01Z ERR Error unmarshaling QuickTunnel response: error="failed to request quick Tunnel: Post \\\\"https://api.trycloudflare.com/tunnel\\\\": dial tcp: lookup api.trycloudflare.com: no such host"\\n');
  process.exit(1);
}
if (mode === 'ok') {
  log('+--------------------------------------------------------------------------------------------+');
  log('|  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |');
  log('|  ${FAKE_TUNNEL_URL}                                      |');
  log('+--------------------------------------------------------------------------------------------+');
}
process.on('SIGTERM', () => process.exit(0));
setInterval(() => {}, 1000);
`;

/** A folder holding only the stand-in `cloudflared`, to put on PATH. */
export function fakeCloudflaredDir(): string {
  const dir = tempDir('hookscope-fake-cloudflared-');
  const file = path.join(dir, 'cloudflared');
  fs.writeFileSync(file, `#!${process.execPath}\n${SCRIPT}`, { mode: 0o755 });
  return dir;
}

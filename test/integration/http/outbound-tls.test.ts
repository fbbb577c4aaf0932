// Certificate checks on outbound https (electron/core/http/outbound.ts): a loopback handler's
// self-signed certificate is accepted, but a host allowed with --allow-host must present a certificate
// the system trusts, or the request is not sent (its headers may carry a secret, e.g. Aptly's
// x-signingKey).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOutbound } from '../../../electron/core/http/outbound.js';
import { removeTempDirs, tempDir } from '../../support/temp.js';

let server: https.Server;
let port = 0;
const seenSecrets: string[] = [];

function selfSignedCertificate(): { key: string; cert: string } {
  const dir = tempDir();
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:0.0.0.0',
    '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
}

beforeAll(async () => {
  server = https.createServer(selfSignedCertificate(), (req, res) => {
    seenSecrets.push(String(req.headers['x-signingkey'] ?? ''));
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  removeTempDirs();
});

const request = (url: string, allowHosts: string[] = []) =>
  sendOutbound({ url, method: 'POST', headers: [{ name: 'x-signingKey', value: 'the-secret' }], body: Buffer.from('{}'), timeoutMs: 5_000, allowHosts });

describe('outbound https certificate checks', () => {
  it('accepts a self-signed certificate from a loopback handler', async () => {
    for (const url of [`https://127.0.0.1:${port}/hooks`, `https://localhost:${port}/hooks`]) {
      const result = await request(url);
      expect(result.error, url).toBeNull();
      expect(result.status).toBe(200);
      expect(result.body.toString()).toBe('ok');
    }
  });

  it('refuses a self-signed certificate from a host allowed with --allow-host, before sending any header', async () => {
    // 0.0.0.0 is not loopback to the target rule (it needs --allow-host), yet on Linux and macOS a
    // connection to it reaches this machine's 127.0.0.1 listener: an off-loopback target without
    // sending anything off the machine.
    const before = seenSecrets.length;
    const result = await request(`https://0.0.0.0:${port}/hooks`, ['0.0.0.0']);
    expect(result.status).toBeNull();
    expect(result.error?.kind).toBe('tls');
    expect(result.error?.message).toMatch(/self.signed|certificate/i);
    expect(seenSecrets.length).toBe(before);
  });
});

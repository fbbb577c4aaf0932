// Tunnels: cloudflared against a stand-in executable on PATH that prints its URL the way cloudflared
// does, every failure's one line, and ngrok for real only when NGROK_AUTHTOKEN is set.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { quickTunnelUrl, startCloudflared } from '../../../electron/core/tunnel/cloudflared.js';
import { startNgrok } from '../../../electron/core/tunnel/ngrok.js';
import { TUNNEL_START_ABORTED, TunnelError } from '../../../electron/core/tunnel/tunnel.js';
import { callApi, runCli, startServe } from '../../support/cli.js';
import { FAKE_TUNNEL_URL, fakeCloudflaredDir } from '../../support/fake-cloudflared.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';

afterAll(removeTempDirs);

const standIn = (mode: 'ok' | 'fail' | 'silent', args?: string) => ({ PATH: fakeCloudflaredDir(), STANDIN_MODE: mode, ...(args ? { STANDIN_ARGS: args } : {}) });

async function failure(promise: Promise<unknown>): Promise<TunnelError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TunnelError);
  return err as TunnelError;
}

describe('cloudflared quick tunnel', () => {
  it('finds the URL in the box cloudflared prints', () => {
    expect(quickTunnelUrl(`2026-12-06T22:00:00Z INF |  ${FAKE_TUNNEL_URL}        |`)).toBe(FAKE_TUNNEL_URL);
    expect(quickTunnelUrl('2026-12-06T22:00:00Z INF Requesting new quick Tunnel on trycloudflare.com...')).toBeNull();
    expect(quickTunnelUrl('ERR failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp')).toBeNull();
  });

  it('runs `cloudflared tunnel --url <receiver>` from PATH, reads its URL, and stops it on close', async () => {
    const args = path.join(tempDir(), 'args.json');
    const tunnel = await startCloudflared('http://127.0.0.1:4747', { env: { ...process.env, ...standIn('ok', args) } });
    expect(tunnel.publicUrl).toBe(FAKE_TUNNEL_URL);
    expect(JSON.parse(fs.readFileSync(args, 'utf8'))).toEqual(['tunnel', '--no-autoupdate', '--url', 'http://127.0.0.1:4747']);
    await tunnel.close();
  });

  it('says how to install cloudflared when it is not on PATH', async () => {
    const err = await failure(startCloudflared('http://127.0.0.1:4747', { env: { PATH: tempDir() } }));
    expect(err.message).toMatch(/^cloudflared is not installed or not on PATH: install it \(https:\/\/developers\.cloudflare\.com\/.+\)/);
  });

  it('passes on cloudflared\'s own error line when it exits offline', async () => {
    const err = await failure(startCloudflared('http://127.0.0.1:4747', { env: { ...process.env, ...standIn('fail') } }));
    expect(err.message).toContain('cloudflared exited (code 1) before printing a tunnel URL');
    expect(err.message).toContain('lookup api.trycloudflare.com: no such host');
  });

  it('gives up when no URL comes, saying the network may be unreachable', async () => {
    const err = await failure(startCloudflared('http://127.0.0.1:4747', { env: { ...process.env, ...standIn('silent') }, timeoutMs: 1500 }));
    expect(err.message).toMatch(/^cloudflared printed no tunnel URL within 1\.5 s \(is this machine online\? trycloudflare\.com must be reachable\); its last line: .*Requesting new quick Tunnel/);
  });
});

describe('serve --tunnel', () => {
  it('prints publicUrl in --json and serves it in settings.get', async () => {
    const serve = await startServe(tempDbFile(), ['--tunnel', 'cloudflared'], standIn('ok'));
    try {
      expect(serve).toMatchObject({ publicUrl: FAKE_TUNNEL_URL });
      expect(serve.receiverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const settings = await callApi<{ publicUrl: string; tunnel: string }>(serve, 'settings.get');
      expect(settings).toMatchObject({ publicUrl: FAKE_TUNNEL_URL, tunnel: 'cloudflared' });
    } finally {
      await serve.stop();
    }
  });

  it('keeps the receiver running locally when the engine is missing, with one line saying so', async () => {
    const serve = await startServe(tempDbFile(), ['--tunnel', 'cloudflared'], { PATH: `${tempDir()}` });
    try {
      expect(serve).toMatchObject({ publicUrl: null });
      expect(serve.stderr()).toBe(`hookscope: no public URL: cloudflared is not installed or not on PATH: install it (https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/) and make sure \`cloudflared --version\` runs. The receiver keeps running locally at ${serve.receiverUrl}.\n`);
      const res = await fetch(`${serve.receiverUrl}/hooks/any`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(200);
    } finally {
      await serve.stop();
    }
  });

  it('refuses an engine it does not know, as bad usage', async () => {
    const result = await runCli(['serve', '--db', tempDbFile(), '--tunnel', 'localtunnel']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/--tunnel must be ngrok or cloudflared, not "localtunnel"$/);
  });
});

describe('ngrok', () => {
  it('says NGROK_AUTHTOKEN or the setting is needed, and where to get one, when neither is set', async () => {
    const err = await failure(startNgrok('http://127.0.0.1:4747', { env: {} }));
    expect(err.message).toBe(
      'ngrok needs an authtoken: set NGROK_AUTHTOKEN, or save it in the settings (Settings > Public URL in the UI, or hookscope settings set tunnel.ngrokAuthtoken TOKEN); a free account has one at https://dashboard.ngrok.com/get-started/your-authtoken',
    );
  });

  it('gives up a start when its signal aborts, leaving nothing running', async () => {
    const abort = new AbortController();
    const started = startCloudflared('http://127.0.0.1:4747', { env: { ...process.env, ...standIn('silent') }, signal: abort.signal, timeoutMs: 20_000 });
    setTimeout(() => abort.abort(), 300);
    const err = await failure(started);
    expect(err.message).toBe(TUNNEL_START_ABORTED);
  });

  const token = process.env.NGROK_AUTHTOKEN;
  if (!token) console.warn('ngrok tunnel test skipped: NGROK_AUTHTOKEN is not set (it needs an ngrok account and the internet)');
  it.skipIf(!token)('opens a real ngrok tunnel to the receiver (only with NGROK_AUTHTOKEN)', async () => {
    const serve = await startServe(tempDbFile(), ['--tunnel', 'ngrok']);
    try {
      expect(serve).toMatchObject({ publicUrl: expect.stringMatching(/^https:\/\//) });
    } finally {
      await serve.stop();
    }
  });
});

// The tunnel chosen in the settings (issue #21): a running serve starts, stops and switches it when
// the setting changes (the stand-in cloudflared on PATH), `serve --tunnel` overrides the setting for
// its run, a missing ngrok authtoken is one line in the status, and the authtoken saved in the
// settings never comes back out: not in settings.get, settings.list, the status, the logs or the file.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callApi, runCli, startServe, type ServeInfo } from '../../support/cli.js';
import { FAKE_TUNNEL_URL, fakeCloudflaredDir } from '../../support/fake-cloudflared.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';

afterAll(removeTempDirs);

interface TunnelStatus {
  state: string;
  engine: string | null;
  publicUrl: string | null;
  error: string | null;
  source: string;
}

const TOKEN = '2zQfakeNgrokToken_5a6b7c8d9e0fXyZ';
/** Only the stand-in cloudflared on PATH (and node for its #! line), and no NGROK_AUTHTOKEN from the machine running the tests. */
const withStandIn = (pidFile?: string) => ({
  PATH: `${fakeCloudflaredDir()}:${path.dirname(process.execPath)}`,
  STANDIN_MODE: 'ok',
  NGROK_AUTHTOKEN: '',
  ...(pidFile ? { STANDIN_PID: pidFile } : {}),
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const status = (serve: ServeInfo) => callApi<TunnelStatus>(serve, 'tunnel.status');
const setSetting = (serve: ServeInfo, key: string, value: string | null) => callApi(serve, 'settings.set', { key, value });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the tunnel setting in a running serve', () => {
  it('starts cloudflared when switched on through the settings API, and stops it when switched off', async () => {
    const pidFile = path.join(tempDir(), 'standin.pid');
    const serve = await startServe(tempDbFile(), [], withStandIn(pidFile));
    try {
      expect(serve).toMatchObject({ publicUrl: null });
      expect(await status(serve)).toEqual({ state: 'off', engine: null, publicUrl: null, error: null, source: 'settings' });

      await setSetting(serve, 'tunnel.engine', 'cloudflared');
      const up = await until(() => status(serve), (s) => s.state === 'up', 'the tunnel to come up');
      expect(up).toEqual({ state: 'up', engine: 'cloudflared', publicUrl: FAKE_TUNNEL_URL, error: null, source: 'settings' });
      expect(await callApi(serve, 'settings.get')).toMatchObject({ publicUrl: FAKE_TUNNEL_URL, tunnel: 'cloudflared' });
      const pid = Number(fs.readFileSync(pidFile, 'utf8'));
      expect(alive(pid)).toBe(true);

      await setSetting(serve, 'tunnel.engine', 'none');
      await until(() => status(serve), (s) => s.state === 'off', 'the tunnel to stop');
      expect(await callApi(serve, 'settings.get')).toMatchObject({ publicUrl: null, tunnel: null });
      await until(async () => alive(pid), (a) => !a, 'the cloudflared process to end');
      // The receiver ran on throughout.
      expect((await fetch(`${serve.receiverUrl}/hooks/any`, { method: 'POST', body: '{}' })).status).toBe(200);
    } finally {
      await serve.stop();
    }
  });

  it('opens the tunnel the setting names when serve starts, and prints its publicUrl', async () => {
    const db = tempDbFile();
    expect((await runCli(['settings', 'set', 'tunnel.engine', 'cloudflared', '--db', db])).code).toBe(0);
    const serve = await startServe(db, [], withStandIn());
    try {
      expect(serve).toMatchObject({ publicUrl: FAKE_TUNNEL_URL });
    } finally {
      await serve.stop();
    }
  });

  it('gives up a start under way when the choice changes, instead of waiting for the engine', async () => {
    const pidFile = path.join(tempDir(), 'standin.pid');
    // "silent": the stand-in prints no URL, as cloudflared on a machine that cannot reach trycloudflare.com.
    const serve = await startServe(tempDbFile(), [], { ...withStandIn(pidFile), STANDIN_MODE: 'silent' });
    try {
      await setSetting(serve, 'tunnel.engine', 'cloudflared');
      await until(async () => fs.existsSync(pidFile), Boolean, 'cloudflared to start');
      expect(await status(serve)).toMatchObject({ state: 'starting', engine: 'cloudflared' });
      await setSetting(serve, 'tunnel.engine', 'none');
      // Well before cloudflared's 30 s wait for its URL would end.
      await until(() => status(serve), (s) => s.state === 'off', 'the tunnel to be off');
      const pid = Number(fs.readFileSync(pidFile, 'utf8'));
      await until(async () => alive(pid), (a) => !a, 'the cloudflared process to end');
    } finally {
      await serve.stop();
    }
  });

  it('follows the setting changed by another process (hookscope settings) within seconds', async () => {
    const db = tempDbFile();
    const serve = await startServe(db, [], withStandIn());
    try {
      expect((await runCli(['settings', 'set', 'tunnel.engine', 'cloudflared', '--db', db])).code).toBe(0);
      expect(await until(() => status(serve), (s) => s.state === 'up', 'the tunnel to come up')).toMatchObject({ publicUrl: FAKE_TUNNEL_URL });
      expect((await runCli(['settings', 'unset', 'tunnel.engine', '--db', db])).code).toBe(0);
      await until(() => status(serve), (s) => s.state === 'off', 'the tunnel to stop');
    } finally {
      await serve.stop();
    }
  });

  it('keeps the engine of serve --tunnel for the run, whatever the setting says', async () => {
    const db = tempDbFile();
    await runCli(['settings', 'set', 'tunnel.engine', 'ngrok', '--db', db]);
    const serve = await startServe(db, ['--tunnel', 'cloudflared'], withStandIn());
    try {
      expect(serve).toMatchObject({ publicUrl: FAKE_TUNNEL_URL });
      await setSetting(serve, 'tunnel.engine', 'none');
      await new Promise((r) => setTimeout(r, 500));
      expect(await status(serve)).toEqual({ state: 'up', engine: 'cloudflared', publicUrl: FAKE_TUNNEL_URL, error: null, source: 'flag' });
    } finally {
      await serve.stop();
    }
  });

  it('says in one line that ngrok needs an authtoken, and the receiver keeps running', async () => {
    const serve = await startServe(tempDbFile(), [], withStandIn());
    try {
      await setSetting(serve, 'tunnel.engine', 'ngrok');
      const failed = await until(() => status(serve), (s) => s.state === 'failed', 'the tunnel to fail');
      expect(failed).toMatchObject({ engine: 'ngrok', publicUrl: null, source: 'settings' });
      expect(failed.error).toBe(
        'ngrok needs an authtoken: set NGROK_AUTHTOKEN, or save it in the settings (Settings > Public URL in the UI, or hookscope settings set tunnel.ngrokAuthtoken TOKEN); a free account has one at https://dashboard.ngrok.com/get-started/your-authtoken',
      );
      await until(async () => serve.stderr(), (err) => err.includes('ngrok needs an authtoken'), 'the line on stderr');
      expect(serve.stderr()).toBe(`hookscope: no public URL: ${failed.error}. The receiver keeps running locally at ${serve.receiverUrl}.\n`);
      expect((await fetch(`${serve.receiverUrl}/hooks/any`, { method: 'POST', body: '{}' })).status).toBe(200);
    } finally {
      await serve.stop();
    }
  });
});

describe('the ngrok authtoken in the settings', () => {
  it('is stored sealed and never shown back: masked in settings.list, absent from settings.get, the status, the logs and the database file', async () => {
    const db = tempDbFile();
    const serve = await startServe(db, [], withStandIn());
    try {
      const saved = await setSetting(serve, 'tunnel.ngrokAuthtoken', `  ${TOKEN} `);
      expect(saved).toMatchObject({ key: 'tunnel.ngrokAuthtoken', value: `…${TOKEN.slice(-4)}` });
      const outputs = [
        JSON.stringify(saved),
        JSON.stringify(await callApi(serve, 'settings.list')),
        JSON.stringify(await callApi(serve, 'settings.get')),
        JSON.stringify(await status(serve)),
      ];
      for (const output of outputs) expect(output).not.toContain(TOKEN.slice(0, 12));
      const listed = await runCli(['settings', 'get', 'tunnel.ngrokAuthtoken', '--db', db]);
      expect(listed.stdout).toBe(`…${TOKEN.slice(-4)}\n`);
      expect(serve.stdout() + serve.stderr()).not.toContain(TOKEN.slice(0, 12));
    } finally {
      await serve.stop();
    }
    for (const file of [db, `${db}-wal`].filter((f) => fs.existsSync(f))) {
      expect(fs.readFileSync(file).includes(TOKEN.slice(0, 12))).toBe(false);
    }
  });

  it('refuses a value that is not a token without echoing it, and an unknown engine', async () => {
    const db = tempDbFile();
    const badToken = await runCli(['settings', 'set', 'tunnel.ngrokAuthtoken', 'not a token at all', '--db', db]);
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).toContain('tunnel.ngrokAuthtoken must be the authtoken from https://dashboard.ngrok.com');
    expect(badToken.stderr).not.toContain('not a token at all');
    const badEngine = await runCli(['settings', 'set', 'tunnel.engine', 'localtunnel', '--db', db]);
    expect(badEngine.code).toBe(2);
    expect(badEngine.stderr).toContain('tunnel.engine must be none, ngrok, cloudflared');
  });
});

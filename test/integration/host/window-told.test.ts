// The whole desktop relay when the core host dies, without Electron: a supervised host process (forked
// under Node), the real IPC bridge, the real preload surface and the renderer's real IPC transport.
// Killing the host turns the status bar's connection to "reconnecting" with the reason in words; once
// a new host runs it is live again and the stores' onConnected (their refetch) fires again. The same
// when the `hookscope serve` the app attached to stops for good and the app hosts its own core.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CoreLink } from '../../../electron/host/link.js';
import { HostSupervisor } from '../../../electron/host/supervisor.js';
import { connectCore } from '../../../electron/main/core-connection.js';
import { registerIpcBridge } from '../../../electron/main/ipc-bridge.js';
import { APP_ORIGIN } from '../../../electron/main/origins.js';
import { buildBridge } from '../../../electron/preload/surface.js';
import type { HookscopeBridge } from '../../../shared/api/bridge.js';
import { startServe } from '../../support/cli.js';
import { spawnTestHost } from '../../support/host.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { InProcessIpc, MAIN_FRAME } from '../electron/in-process-ipc.js';
import { importRendererModule } from '../../unit/renderer/desktop-bridge.js';

interface RendererApiLike {
  connection(): string;
  onConnected(listener: () => void): () => void;
  onConnectionChange(listener: (state: string, message: string | null) => void): () => void;
  call(name: string, input: unknown): Promise<unknown>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0)) await fn();
});
afterAll(removeTempDirs);

/** The renderer's real IPC transport, over the real preload surface and IPC bridge relaying to `link`. */
async function rendererApi(link: CoreLink): Promise<RendererApiLike> {
  const ipc = new InProcessIpc();
  registerIpcBridge(ipc.main, link, { trustedOrigins: [APP_ORIGIN], eventTargets: () => [ipc.webContents] });
  const { createIpcTransport } = await importRendererModule<{ createIpcTransport(b: HookscopeBridge): RendererApiLike }>('renderer/api/ipc-transport.ts');
  return createIpcTransport(buildBridge(ipc.renderer(MAIN_FRAME)));
}

describe('the window when the core host dies', () => {
  it('shows reconnecting with the reason, then live again, and refetches', async () => {
    const supervisor = new HostSupervisor({ spawn: spawnTestHost, start: { dbFile: tempDbFile(), receiverPort: 0 }, backoffMs: () => 50 });
    cleanups.push(() => supervisor.close());
    await supervisor.start();
    const api = await rendererApi(supervisor);

    const changes: Array<[string, string | null]> = [];
    let connected = 0;
    api.onConnectionChange((state, message) => changes.push([state, message]));
    api.onConnected(() => connected++);
    await expect.poll(() => connected).toBe(1); // once at start, as before
    expect(api.connection()).toBe('live');

    supervisor.currentProcess!.kill();
    await expect.poll(() => changes[0]?.[0]).toBe('reconnecting');
    expect(changes[0]?.[1]).toMatch(/core process stopped unexpectedly/);
    await expect(api.call('stats.get', {})).rejects.toMatchObject({ code: 'unavailable' });

    await expect.poll(() => api.connection(), { timeout: 15_000 }).toBe('live');
    expect(connected).toBe(2); // the stores refetch what they missed
    await expect(api.call('stats.get', {})).resolves.toMatchObject({ deliveries: 0 });
  }, 30_000);

  it('carries on with the app\'s own core when the service it attached to stops, says so, and refetches', async () => {
    const dbFile = tempDbFile();
    const serve = await startServe(dbFile);
    cleanups.push(async () => void (await serve.stop()));
    const connection = await connectCore({ dbFile, spawnHost: spawnTestHost, hostStart: () => ({ dbFile, receiverPort: 0 }), serveGoneAfterMs: 0 });
    cleanups.push(() => connection.close());
    const api = await rendererApi(connection.link);
    const changes: Array<[string, string | null]> = [];
    let connected = 0;
    api.onConnectionChange((state, message) => changes.push([state, message]));
    api.onConnected(() => connected++);
    await expect.poll(() => connected).toBe(1);
    await expect(api.call('settings.get', {})).resolves.toMatchObject({ receiverUrl: serve.receiverUrl });

    await serve.stop();
    await expect.poll(() => changes[0]?.[0]).toBe('reconnecting');
    await expect.poll(() => changes.at(-1)?.[1], { timeout: 20_000 }).toMatch(/service stopped .*, so the app now receives webhooks itself at /);
    expect(api.connection()).toBe('live');
    expect(connected).toBe(2); // the stores refetch, from the app's own core now
    const settings = (await api.call('settings.get', {})) as { receiverUrl: string };
    expect(settings.receiverUrl).toBe(connection.receiverUrl); // the receiver the window shows is the app's own
    expect(settings.receiverUrl).not.toBe(serve.receiverUrl);
  }, 60_000);
});

// The whole desktop relay when the core host dies, without Electron: a supervised host process (forked
// under Node), the real IPC bridge, the real preload surface and the renderer's real IPC transport.
// Killing the host turns the status bar's connection to "reconnecting" with the reason in words; once
// a new host runs it is live again and the stores' onConnected (their refetch) fires again.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HostSupervisor } from '../../../electron/host/supervisor.js';
import { registerIpcBridge } from '../../../electron/main/ipc-bridge.js';
import { APP_ORIGIN } from '../../../electron/main/origins.js';
import { buildBridge } from '../../../electron/preload/surface.js';
import type { HookscopeBridge } from '../../../shared/api/bridge.js';
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

describe('the window when the core host dies', () => {
  it('shows reconnecting with the reason, then live again, and refetches', async () => {
    const supervisor = new HostSupervisor({ spawn: spawnTestHost, start: { dbFile: tempDbFile(), receiverPort: 0 }, backoffMs: () => 50 });
    cleanups.push(() => supervisor.close());
    await supervisor.start();
    const ipc = new InProcessIpc();
    registerIpcBridge(ipc.main, supervisor, { trustedOrigins: [APP_ORIGIN], eventTargets: () => [ipc.webContents] });
    const { createIpcTransport } = await importRendererModule<{ createIpcTransport(b: HookscopeBridge): RendererApiLike }>('renderer/api/ipc-transport.ts');
    const api = createIpcTransport(buildBridge(ipc.renderer(MAIN_FRAME)));

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
});

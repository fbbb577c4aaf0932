// The Electron IPC bridge end to end without Electron: the real preload surface calls the real bridge
// over an in-process IPC pair, on a real core with a SQLite file and a live receiver on 127.0.0.1:0.
// Every test runs three times: with the core in this process; in a core host process (a forked child
// speaking the host protocol), as the desktop app runs it (issue #17); and in a running `hookscope
// serve` the app attached to over its control API (issue #21).
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ipcCallChannel } from '../../../shared/api/bridge.js';
import { METHOD_NAMES, type EventPayload } from '../../../shared/api/contract.js';
import { inProcessLink, type CoreLink } from '../../../electron/host/link.js';
import { attachToRunningServe } from '../../../electron/main/core-connection.js';
import { registerIpcBridge, type IpcBridge } from '../../../electron/main/ipc-bridge.js';
import { APP_ORIGIN } from '../../../electron/main/origins.js';
import { buildBridge, type BridgeError } from '../../../electron/preload/surface.js';
import { startTestCore } from '../../support/core.js';
import { startTestHost } from '../../support/host.js';
import { startServe } from '../../support/cli.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { InProcessIpc, MAIN_FRAME } from './in-process-ipc.js';

/** Where the core runs: a link to it, its receiver, and how to stop it. */
interface CoreUnderTest {
  link: CoreLink;
  receiverUrl: string;
  close(): Promise<void>;
}

const WHERE_THE_CORE_RUNS: Array<[string, () => Promise<CoreUnderTest>]> = [
  [
    'in this process',
    async () => {
      const t = await startTestCore();
      return { link: inProcessLink(t.core), receiverUrl: t.receiver.url, close: t.close };
    },
  ],
  [
    'in a core host process',
    async () => {
      const t = await startTestHost();
      return { link: t.client, receiverUrl: t.ready.receiverUrl, close: t.close };
    },
  ],
  [
    'in a running serve the app attached to',
    async () => {
      const dbFile = tempDbFile();
      const serve = await startServe(dbFile);
      const attached = await attachToRunningServe(dbFile);
      if (!attached) throw new Error('did not attach to the serve just started');
      return {
        link: attached.link,
        receiverUrl: serve.receiverUrl,
        close: async () => {
          await attached.close();
          await serve.stop();
        },
      };
    },
  ],
];

afterAll(removeTempDirs);

describe.each(WHERE_THE_CORE_RUNS)('IPC bridge, core %s', (_where, startCore) => {
  let test: CoreUnderTest;
  let ipc: InProcessIpc;
  let bridge: IpcBridge;

  beforeEach(async () => {
    test = await startCore();
    ipc = new InProcessIpc();
    bridge = registerIpcBridge(ipc.main, test.link, { trustedOrigins: [APP_ORIGIN], eventTargets: () => [ipc.webContents] });
  });
  afterEach(async () => {
    bridge.close();
    await test.close();
  });

  const rejection = (promise: Promise<unknown>) => promise.then(() => null, (err: unknown) => err as BridgeError);

  it('registers one handler per contract method, on its channel', () => {
    expect(ipc.channels().sort()).toEqual(METHOD_NAMES.map(ipcCallChannel).sort());
  });

  it('serves calls from our main frame through the core', async () => {
    const page = buildBridge(ipc.renderer(MAIN_FRAME));
    const created = await page['endpoints.create']({ path: '/hooks/github', provider: 'github', secret: 's3cret' });
    expect(created.path).toBe('/hooks/github');
    const listed = await page['endpoints.list']({});
    expect(listed.items.map((e) => e.path)).toEqual(['/hooks/github']);
  });

  it('sends core events to the window, where the page receives their payloads', async () => {
    const page = buildBridge(ipc.renderer(MAIN_FRAME));
    const received: Array<EventPayload<'delivery.received'>> = [];
    page.on('delivery.received', (d) => received.push(d));
    const res = await fetch(`${test.receiverUrl}/hooks/anything`, { method: 'POST', body: '{"hello":"world"}' });
    expect(res.status).toBeLessThan(500);
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toMatchObject({ method: 'POST', path: '/hooks/anything' });
  });

  it('turns bad input into bad-input whose issues name the field', async () => {
    const page = buildBridge(ipc.renderer(MAIN_FRAME));
    const err = await rejection(page['deliveries.list']({ limit: 0 }));
    expect(err?.code).toBe('bad-input');
    expect(err?.issues?.some((issue) => issue.startsWith('limit:'))).toBe(true);
  });

  it('rejects fields the contract does not know', async () => {
    const page = buildBridge(ipc.renderer(MAIN_FRAME));
    const smuggled = { path: '/x', sql: 'DROP TABLE deliveries' } as unknown as Parameters<(typeof page)['endpoints.create']>[0];
    const err = await rejection(page['endpoints.create'](smuggled));
    expect(err?.code).toBe('bad-input');
    expect(err?.message).toMatch(/sql/);
  });

  it('answers a missing record with not-found and no stack trace', async () => {
    const raw = await ipc.renderer(MAIN_FRAME).invoke(ipcCallChannel('deliveries.get'), { id: 999 });
    expect(raw).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(JSON.stringify(raw)).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('refuses calls whose sending frame is gone', async () => {
    const err = await rejection(buildBridge(ipc.renderer(null))['endpoints.list']({}));
    expect(err).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/frame is gone/) });
  });

  it('refuses calls from a subframe of our own page', async () => {
    const subframe = { url: 'app://hookscope/index.html', parent: MAIN_FRAME };
    const err = await rejection(buildBridge(ipc.renderer(subframe))['endpoints.list']({}));
    expect(err).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/subframe/) });
  });

  it('refuses calls from a page on another origin, and changes nothing', async () => {
    for (const url of ['https://evil.example/', 'app://other/index.html', 'file:///tmp/index.html', 'http://127.0.0.1:5173/']) {
      const page = buildBridge(ipc.renderer({ url, parent: null }));
      const err = await rejection(page['endpoints.create']({ path: '/planted' }));
      expect(err?.code, url).toBe('forbidden');
    }
    const trusted = buildBridge(ipc.renderer(MAIN_FRAME));
    expect((await trusted['endpoints.list']({})).items).toEqual([]);
  });

  it('trusts the dev server origin only when it was given', async () => {
    bridge.close();
    bridge = registerIpcBridge(ipc.main, test.link, {
      trustedOrigins: [APP_ORIGIN, 'http://127.0.0.1:5173'],
      eventTargets: () => [ipc.webContents],
    });
    const page = buildBridge(ipc.renderer({ url: 'http://127.0.0.1:5173/', parent: null }));
    await expect(page['stats.get']({})).resolves.toMatchObject({ deliveries: 0 });
  });

  it('removes every handler and stops events when closed', async () => {
    const page = buildBridge(ipc.renderer(MAIN_FRAME));
    let events = 0;
    page.on('endpoints.changed', () => events++);
    bridge.close();
    expect(ipc.channels()).toEqual([]);
    // A change the core announces (to the link, before the call's answer): the closed bridge drops it.
    await test.link.dispatch('endpoints.create', { path: '/after-close' });
    expect(events).toBe(0);
    expect((await rejection(page['stats.get']({})))?.code).toBe('unavailable');
    bridge = registerIpcBridge(ipc.main, test.link, { trustedOrigins: [APP_ORIGIN], eventTargets: () => [] });
  });
});

describe('IPC bridge events, with a window whose frame is gone', () => {
  // Electron's webContents.send throws ("Render frame was disposed before WebFrameMain could be
  // accessed") while a window's renderer is crashed or being replaced.
  it('still reaches the other windows, and the throw goes no further than the bridge', async () => {
    const test = await startTestCore();
    const ipc = new InProcessIpc();
    const broken = {
      send: () => {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      isDestroyed: () => false,
    };
    const bridge = registerIpcBridge(ipc.main, inProcessLink(test.core), { trustedOrigins: [APP_ORIGIN], eventTargets: () => [broken, ipc.webContents] });
    try {
      const page = buildBridge(ipc.renderer(MAIN_FRAME));
      const changes: unknown[] = [];
      page.on('endpoints.changed', (payload) => changes.push(payload));
      await expect(page['endpoints.create']({ path: '/hooks/after-a-crash' })).resolves.toMatchObject({ path: '/hooks/after-a-crash' });
      await expect.poll(() => changes.length).toBe(1);
    } finally {
      bridge.close();
      await test.close();
    }
  });
});

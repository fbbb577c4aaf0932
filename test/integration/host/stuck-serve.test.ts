// The desktop app attached to a `hookscope serve` that is alive but stuck (issue #17): a real serve
// child, SIGSTOPped, keeps its event stream open and would hold every call for ever. The client's
// watchdog counts a silent stream as lost (the serve writes a keep-alive every 15 s; the bound here is
// short): the window hears 'restarting', calls in flight and calls made meanwhile fail with
// `unavailable` saying why, and once the serve is continued the stream reopens and calls answer again.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { HostStatus } from '../../../shared/api/host.js';
import { readServeFile } from '../../../electron/core/serve-file.js';
import { ServeClient } from '../../../electron/host/serve-client.js';
import { startServe, type ServeInfo } from '../../support/cli.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

const SILENT_AFTER_MS = 1_500;

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});
afterAll(removeTempDirs);

function signal(serve: ServeInfo, name: NodeJS.Signals): void {
  try {
    process.kill(serve.child.pid!, name);
  } catch {
    // already gone
  }
}

/** A serve, and a client of it as the app holds one, with every host.status it tells the window. */
async function attached(): Promise<{ serve: ServeInfo; client: ServeClient; statuses: HostStatus[] }> {
  const db = tempDbFile();
  const serve = await startServe(db, ['--quiet']);
  cleanups.push(async () => {
    signal(serve, 'SIGCONT'); // a stopped serve keeps SIGTERM pending: continue it first
    await serve.stop();
  });
  const client = await ServeClient.connect(readServeFile(db)!, () => readServeFile(db), { silentAfterMs: SILENT_AFTER_MS });
  cleanups.push(() => client.close());
  const statuses: HostStatus[] = [];
  client.onEvent((name, payload) => name === 'host.status' && statuses.push(payload as HostStatus));
  return { serve, client, statuses };
}

// SIGSTOP/SIGCONT do not exist on Windows.
describe.skipIf(process.platform === 'win32')('the client of a serve that is alive but stuck', () => {
  it('counts a silent event stream as lost: the call in flight and calls meanwhile fail saying why, and it recovers once the serve runs again', async () => {
    const { serve, client, statuses } = await attached();
    await expect(client.dispatch('stats.get', {})).resolves.toMatchObject({ deliveries: 0 });

    signal(serve, 'SIGSTOP');
    const inFlight = client.dispatch('stats.get', {}); // the serve's kernel accepts it; the serve never answers
    const why = `stopped answering (nothing on its event stream for ${Math.round(SILENT_AFTER_MS / 1000)} s: stuck or suspended)`;
    await expect(inFlight).rejects.toMatchObject({ code: 'unavailable', message: `the Hookscope service at ${serve.apiUrl} ${why} before this call was answered` });
    expect(statuses[0]).toEqual({ state: 'restarting', message: `The Hookscope service at ${serve.apiUrl} ${why}: reconnecting (is \`hookscope service status\` running?).` });
    await expect(client.dispatch('deliveries.list', {})).rejects.toMatchObject({ code: 'unavailable', message: `the Hookscope service at ${serve.apiUrl} ${why}` });

    signal(serve, 'SIGCONT');
    await expect.poll(() => statuses.map((s) => s.state), { timeout: 20_000 }).toContain('running');
    await expect(client.dispatch('stats.get', {})).resolves.toMatchObject({ deliveries: 0 });
  }, 40_000);

  it('fails a call still waiting on a stuck serve when the app lets go of the client, and later calls at once', async () => {
    const { serve, client } = await attached();
    signal(serve, 'SIGSTOP');
    const inFlight = client.dispatch('stats.get', {});
    await new Promise((resolve) => setTimeout(resolve, 100)); // sent, never answered
    await client.close();
    const why = 'is no longer connected (the app let go of it)';
    await expect(inFlight).rejects.toMatchObject({ code: 'unavailable', message: `the Hookscope service at ${serve.apiUrl} ${why} before this call was answered` });
    await expect(client.dispatch('stats.get', {})).rejects.toMatchObject({ code: 'unavailable', message: `the Hookscope service at ${serve.apiUrl} ${why}` });
  }, 40_000);

  it('keeps a stream up while bytes arrive on it, however long that lasts', async () => {
    const { serve, client, statuses } = await attached();
    const received: unknown[] = [];
    client.onEvent((name, payload) => name === 'delivery.received' && received.push(payload));
    // Events every 200 ms for three bounds: only bytes arriving keep the watchdog from firing.
    const until = performance.now() + 3 * SILENT_AFTER_MS;
    while (performance.now() < until) {
      expect((await fetch(`${serve.receiverUrl}/hooks/busy`, { method: 'POST', body: '{}' })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await expect.poll(() => received.length).toBeGreaterThan(5);
    expect(statuses).toEqual([]);
  }, 40_000);
});

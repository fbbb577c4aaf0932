// `hookscope serve --forward-queue/--forward-max-wait/--forward-timeout`: auto-forward's limits, for
// a handler held at a breakpoint (longer waits) or a flood (a shorter queue).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { Replay } from '../../../shared/api/replay.js';
import { callApi, runCli, startServe } from '../../support/cli.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { post, sleep } from '../faults/support.js';

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  removeTempDirs();
});

describe('serve with auto-forward limits', () => {
  it('holds one capture behind a forward under way with --forward-queue 1, and gives up on the handler after --forward-timeout', async () => {
    const silent = http.createServer(() => {}); // takes requests, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    closers.push(() => {
      silent.closeAllConnections();
      return new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const serve = await startServe(tempDbFile(), ['--quiet', '--forward-queue', '1', '--forward-timeout', '1']);
    closers.push(async () => void (await serve.stop()));
    await callApi(serve, 'endpoints.create', { path: '/hooks/fwd', forwardTo: `http://127.0.0.1:${(silent.address() as AddressInfo).port}` });
    const ids: number[] = [];
    for (let n = 0; n < 3; n++) ids.push(Number((await post(`${serve.receiverUrl}/hooks/fwd`, `{"n":${n}}`)).headers['x-hookscope-delivery']));

    const errors = async (id: number) => (await callApi<{ items: Replay[] }>(serve, 'replays.list', { deliveryId: id })).items.map((r) => r.error?.kind);
    const started = Date.now();
    while ((await errors(ids[1]!)).length === 0 && Date.now() - started < 10_000) await sleep(100);
    // The first went out and was given up after 1 s; the second waited its turn, then did the same;
    // the third found the one place in the queue taken.
    expect(await errors(ids[0]!)).toEqual(['timeout']);
    expect(await errors(ids[1]!)).toEqual(['timeout']);
    expect(await errors(ids[2]!)).toEqual(['not-sent']);
  }, 30_000);

  it('refuses limits that cannot work', async () => {
    const out = await runCli(['serve', '--forward-queue', '0', '--db', tempDbFile()]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--forward-queue must be between 1 and 100000/);
  });
});

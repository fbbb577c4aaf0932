// The smee relay end to end, against a local stand-in for smee.io: events in smee's shape become
// captures of the endpoint (headers, query, the relay recorded), a JSON body whose formatting smee
// lost gets the doctor's relay diagnosis, a dropped channel reconnects, and a missing one says so.
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RelayStatus } from '../../../shared/api/relays.js';
import type { DeliverySummary } from '../../../shared/domain.js';
import { openCore, startServing, type Core } from '../../../electron/core/core.js';
import { startSmeeStandIn, type SmeeStandIn } from '../../support/smee-server.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

const SECRET = 'gh-s3cret';
const PAYLOAD = { ref: 'refs/heads/main', commits: [{ id: 'abc', message: 'Fix ünïcode' }], pusher: { name: 'ana' } };
const sign = (bytes: string) => `sha256=${createHmac('sha256', SECRET).update(bytes).digest('hex')}`;

let core: Core;
let smee: SmeeStandIn;

beforeEach(async () => {
  smee = await startSmeeStandIn();
  core = openCore({ dbFile: tempDbFile() });
  await startServing(core, { port: 0 }, { relays: { backoff: { initialMs: 100, maxMs: 400 }, resyncMs: 200 } });
});
afterEach(async () => {
  await core.close();
  await smee.close();
});
afterAll(removeTempDirs);

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function relayState(): Promise<RelayStatus | undefined> {
  const { items } = (await core.dispatch('relays.list', {})) as { items: RelayStatus[] };
  return items[0];
}

const connected = () => until('the relay to connect', async () => ((await relayState())?.state === 'connected' ? true : undefined));

function nextDelivery(): Promise<DeliverySummary> {
  return new Promise((resolve) => {
    const off = core.ctx.events.on('delivery.received', (d) => {
      off();
      resolve(d);
    });
  });
}

async function githubEndpoint(channel = '/chan1') {
  await core.dispatch('endpoints.create', { path: '/hooks/gh', provider: 'github', secret: SECRET, relay: `smee:${smee.url}${channel}` });
}

function event(signature: string, extra: Record<string, unknown> = {}) {
  return {
    host: 'smee.io',
    'content-type': 'application/json',
    'x-github-event': 'push',
    'x-github-delivery': 'd-1',
    'x-hub-signature-256': signature,
    'x-forwarded-for': '140.82.115.1',
    body: PAYLOAD,
    query: { source: 'gh' },
    timestamp: 1_765_000_000_000,
    ...extra,
  };
}

describe('smee relay', () => {
  it('stores each relayed request as a capture of the endpoint, with its headers, query and the relay recorded', async () => {
    await githubEndpoint();
    await connected();
    const received = nextDelivery();
    smee.send(event(sign(JSON.stringify(PAYLOAD))));
    const summary = await received;
    const detail = core.ctx.store.deliveries.get(summary.id)!;
    expect(detail.endpoint).toBe('/hooks/gh');
    expect(detail.path).toBe('/hooks/gh');
    expect(detail.query).toContain('source=gh');
    expect(Buffer.from(detail.bodyBase64, 'base64').toString('utf8')).toBe(JSON.stringify(PAYLOAD));
    const names = detail.headers.map((h) => h.name);
    expect(names).toEqual(expect.arrayContaining(['x-github-event', 'x-hub-signature-256', 'x-forwarded-for', 'X-Hookscope-Relay']));
    expect(detail.headers.find((h) => h.name === 'X-Hookscope-Relay')?.value).toBe(`smee ${smee.url}/chan1`);
    expect(detail.headers.find((h) => h.name === 'x-forwarded-for')?.value).toBe('140.82.115.1');
    // The provider sent compact JSON, so smee's JSON.stringify gave back the signed bytes.
    expect(detail.verification.status).toBe('valid');
    await until('the relay to count it', async () => ((await relayState())?.received === 1 ? true : undefined));
  });

  it('says the relay changed the body when the provider signed pretty-printed JSON, names the relay and suggests a tunnel', async () => {
    await githubEndpoint();
    await connected();
    const received = nextDelivery();
    smee.send(event(sign(JSON.stringify(PAYLOAD, null, 2))));
    const summary = await received;
    const { verification } = core.ctx.store.deliveries.get(summary.id)!;
    expect(verification.status).toBe('invalid');
    expect(verification.hints[0]).toContain(`The relay smee ${smee.url}/chan1 changed the body: the provider signed its JSON pretty-printed with 2 spaces`);
    expect(verification.hints[0]).toContain('hookscope serve --tunnel cloudflared');
    expect(verification.hints.join(' ')).not.toContain('verify over the raw request body'); // not the handler's mistake
  });

  it('still names the relay when no formatting explains the mismatch (a wrong secret, say)', async () => {
    await githubEndpoint();
    await connected();
    const received = nextDelivery();
    smee.send(event(`sha256=${createHmac('sha256', 'other').update(JSON.stringify(PAYLOAD, null, 2)).digest('hex')}`));
    const { verification } = core.ctx.store.deliveries.get((await received).id)!;
    expect(verification.status).toBe('invalid');
    expect(verification.hints[0]).toContain(`This delivery came through the relay smee ${smee.url}/chan1`);
  });

  it('reports a dropped channel as down, reconnects with backoff, and keeps relaying', async () => {
    await githubEndpoint();
    await connected();
    smee.refuseWith = 503;
    smee.dropAll();
    const down = await until('the relay to be down', async () => {
      const s = await relayState();
      return s?.state === 'down' ? s : undefined;
    });
    expect(down.error).toContain(`${smee.url}/chan1`);
    expect(down.retryAt).not.toBeNull();
    smee.refuseWith = 0;
    await connected();
    expect(smee.connections).toBe(2);
    const received = nextDelivery();
    smee.send(event(sign(JSON.stringify(PAYLOAD))));
    expect((await received).endpoint).toBe('/hooks/gh');
  });

  it('says a channel smee does not know answered 404', async () => {
    smee.refuseWith = 404;
    await githubEndpoint('/gone');
    const down = await until('the relay to be down', async () => {
      const s = await relayState();
      return s?.state === 'down' ? s : undefined;
    });
    expect(down.error).toBe(`the channel ${smee.url}/gone answered HTTP 404 (no such channel: create one at https://smee.io/new)`);
  });

  it('stops relaying when the endpoint drops its relay', async () => {
    await githubEndpoint();
    await connected();
    const { items } = (await core.dispatch('endpoints.list', {})) as { items: Array<{ id: number }> };
    await core.dispatch('endpoints.update', { id: items[0]!.id, patch: { relay: null } });
    await until('the stream to close', () => (smee.open() === 0 ? true : undefined));
    expect(await relayState()).toBeUndefined();
  });

  it('refuses a relay that is not smee:<URL>, saying how to write one', async () => {
    await expect(core.dispatch('endpoints.create', { path: '/hooks/x', relay: 'https://smee.io/abc' })).rejects.toThrow(/smee:<channel URL>/);
  });
});

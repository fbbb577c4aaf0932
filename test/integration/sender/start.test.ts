// What `send.start` refuses before sending anything, with the error code each transport (and the
// CLI's exit code) is built on: bad-input for a mistake in the request, refused-target for a rule.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs } from '../../support/temp.js';
import { openSenderCore, type SenderCore } from './support/sender.js';

let sender: SenderCore;
afterEach(async () => sender?.close());
afterAll(removeTempDirs);

const virtual = { kind: 'virtual' } as const;

describe('starting a send', () => {
  it('refuses an unknown provider as bad input, naming the known ones', async () => {
    sender = openSenderCore();
    await expect(sender.send({ provider: 'nope', events: ['x'], to: 'http://127.0.0.1:9/', clock: virtual })).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringMatching(/unknown provider "nope".*aptly.*agiletune.*almirant.*workspace/),
    });
  });

  it('refuses a malformed or non-HTTP URL as bad input', async () => {
    sender = openSenderCore();
    for (const to of ['not a url', 'ftp://127.0.0.1/x']) {
      await expect(sender.send({ provider: 'agiletune', events: ['task.created'], to, clock: virtual })).rejects.toMatchObject({ code: 'bad-input' });
    }
  });

  it('refuses a non-loopback target unless its host is allowed', async () => {
    sender = openSenderCore();
    await expect(sender.send({ provider: 'agiletune', events: ['task.created'], to: 'http://10.1.2.3/x', clock: virtual })).rejects.toMatchObject({
      code: 'refused-target',
      message: expect.stringMatching(/--allow-host 10\.1\.2\.3/),
    });
  });

  it('refuses --retry-every-ms for a provider with a documented schedule', async () => {
    sender = openSenderCore();
    await expect(sender.send({ provider: 'workspace', events: ['task.created'], to: 'http://127.0.0.1:9/', retryEveryMs: 1000, clock: virtual })).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringMatching(/only to providers that retry indefinitely/),
    });
  });

  it('stores nothing when it refuses', async () => {
    sender = openSenderCore();
    await expect(sender.send({ provider: 'agiletune', events: ['nope'], to: 'http://127.0.0.1:9/', clock: virtual })).rejects.toThrow();
    expect(await sender.core.dispatch('sends.list', {})).toEqual({ items: [] });
  });
});

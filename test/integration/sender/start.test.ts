// What `send.start` refuses before sending anything, with the error code each transport (and the
// CLI's exit code) is built on: bad-input for a mistake in the request, refused-target for a rule.
import { describe, expect, it } from 'vitest';
import { useSenderFixture } from './support/fixture.js';
import { VIRTUAL } from './support/sender.js';

const fx = useSenderFixture();

describe('starting a send', () => {
  it('refuses an unknown provider as bad input, naming the known ones', async () => {
    await expect(fx.sender.send({ provider: 'nope', events: ['x'], to: 'http://127.0.0.1:9/', clock: VIRTUAL })).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringMatching(/unknown provider "nope".*aptly.*agiletune.*almirant.*workspace/),
    });
  });

  it('refuses a malformed or non-HTTP URL as bad input', async () => {
    for (const to of ['not a url', 'ftp://127.0.0.1/x']) {
      await expect(fx.sender.send({ provider: 'agiletune', events: ['task.created'], to, clock: VIRTUAL })).rejects.toMatchObject({ code: 'bad-input' });
    }
  });

  it('refuses a non-loopback target unless its host is allowed', async () => {
    await expect(fx.sender.send({ provider: 'agiletune', events: ['task.created'], to: 'http://10.1.2.3/x', clock: VIRTUAL })).rejects.toMatchObject({
      code: 'refused-target',
      message: expect.stringMatching(/--allow-host 10\.1\.2\.3/),
    });
  });

  it('refuses --retry-every-ms for a provider with a documented schedule', async () => {
    await expect(fx.sender.send({ provider: 'workspace', events: ['task.created'], to: 'http://127.0.0.1:9/', retryEveryMs: 1000, clock: VIRTUAL })).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringMatching(/only to providers that retry indefinitely/),
    });
  });

  it('stores nothing when it refuses', async () => {
    await expect(fx.sender.send({ provider: 'agiletune', events: ['nope'], to: 'http://127.0.0.1:9/', clock: VIRTUAL })).rejects.toThrow();
    expect(await fx.sender.core.dispatch('sends.list', {})).toEqual({ items: [] });
  });
});

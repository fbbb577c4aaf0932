// Routing by event: an endpoint's rules send each capture to the handler for its event type, and the
// rest to forwardTo.
import { afterEach, describe, expect, it } from 'vitest';
import type { Endpoint } from '../../../shared/domain.js';
import { runCli } from '../../support/cli.js';
import type { TestCore } from '../../support/core.js';
import { tempDbFile } from '../../support/temp.js';
import { post, startHandler, withCoreAndHandler, type TestHandler } from './handler.js';

let t: TestCore;
let fallback: TestHandler;
withCoreAndHandler((core, h) => {
  t = core;
  fallback = h;
});
const extra: TestHandler[] = [];
afterEach(async () => {
  await Promise.all(extra.splice(0).map((h) => h.close()));
});

function forwards(count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const off = t.core.ctx.events.on('replay.finished', (e) => {
      if (e.mode !== 'forward' || ++seen < count) return;
      off();
      resolve();
    });
  });
}

describe('forward rules by event type', () => {
  it("sends each GitHub event to its rule's handler and the others to forwardTo", async () => {
    const pushes = await startHandler();
    const issues = await startHandler();
    extra.push(pushes, issues);
    await t.core.dispatch('endpoints.create', {
      path: '/hooks/gh',
      provider: 'github',
      forwardTo: fallback.url,
      forwardRules: [
        { event: 'push', url: `${pushes.url}/push` },
        { event: 'issue*', url: `${issues.url}/issues` },
      ],
    });
    const done = forwards(3);
    for (const event of ['push', 'issues', 'star']) {
      await post(t.receiver.url, '/hooks/gh', Buffer.from(`{"e":"${event}"}`), [{ name: 'X-GitHub-Event', value: event }]);
    }
    await done;
    expect(pushes.received.map((r) => r.url)).toEqual(['/push']);
    expect(issues.received.map((r) => r.url)).toEqual(['/issues']);
    expect(fallback.received.map((r) => r.body.toString())).toEqual(['{"e":"star"}']);
  });

  it('refuses a rule whose URL is not loopback', async () => {
    await expect(t.core.dispatch('endpoints.create', { path: '/hooks/x', forwardRules: [{ event: 'push', url: 'http://example.com/x' }] })).rejects.toThrow(/forward target refused/);
  });

  it('takes --forward EVENT=URL on the CLI and refuses a rule without =', async () => {
    const db = tempDbFile();
    const added = await runCli(['endpoints', 'add', '/hooks/gh', '--db', db, '--forward', 'push=http://localhost:3000/push', '--forward', '*=http://localhost:3000/other', '--json']);
    expect(added.code).toBe(0);
    expect((JSON.parse(added.stdout) as Endpoint).forwardRules).toEqual([
      { event: 'push', url: 'http://localhost:3000/push' },
      { event: '*', url: 'http://localhost:3000/other' },
    ]);
    const bad = await runCli(['endpoints', 'update', '/hooks/gh', '--db', db, '--forward', 'push']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--forward must look like "EVENT=URL"');
  });
});

// One check for a forward rule, whether it comes from --forward 'EVENT=URL', the endpoint form's rows
// or the API.
import { describe, expect, it } from 'vitest';
import { endpointInputSchema } from '../../../shared/api/endpoints.js';
import { forwardRuleProblem, parseForwardRule } from '../../../shared/forward-rules.js';

describe('forward rules', () => {
  it('reads EVENT=URL, trimming both parts and keeping = inside the URL', () => {
    expect(parseForwardRule(' push = http://localhost:3000/push?a=b')).toEqual({ rule: { event: 'push', url: 'http://localhost:3000/push?a=b' } });
    expect(parseForwardRule('task.*=http://127.0.0.1:3000/tasks')).toEqual({ rule: { event: 'task.*', url: 'http://127.0.0.1:3000/tasks' } });
  });

  it('refuses text without an event, a URL or the = between them', () => {
    for (const text of ['push', '=http://localhost/x', 'push=']) {
      expect(parseForwardRule(text)).toEqual({ error: `must look like "EVENT=URL" (e.g. push=http://localhost:3000/push), got "${text}"` });
    }
  });

  it('names the part at fault: spaces in the event, * not at its end, a URL that is not http(s)', () => {
    expect(forwardRuleProblem({ event: 'pull request', url: 'http://localhost/x' })).toMatchObject({ part: 'event' });
    expect(forwardRuleProblem({ event: 'task.*.done', url: 'http://localhost/x' })).toMatchObject({ part: 'event', message: expect.stringContaining('* goes at the end only') });
    expect(forwardRuleProblem({ event: 'push', url: 'localhost:3000' })).toEqual({ part: 'url', message: '"localhost:3000" is not an http or https URL (e.g. http://localhost:3000/push)' });
    expect(forwardRuleProblem({ event: 'push', url: 'not a url' })).toMatchObject({ part: 'url', message: expect.stringContaining('is not a URL') });
    expect(forwardRuleProblem({ event: '*', url: 'https://localhost/x' })).toBeNull();
    expect(parseForwardRule('task.*.done=http://localhost/x')).toEqual({ error: '"task.*.done=http://localhost/x": * goes at the end only (task.* matches task.created; * alone matches any)' });
  });

  it('is the API\'s check too, on the field at fault and once', () => {
    const parsed = endpointInputSchema.safeParse({ path: '/x', forwardRules: [{ event: 'push', url: 'ftp://localhost/x' }, { event: '', url: 'http://localhost/y' }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'forwardRules.0.url: "ftp://localhost/x" is not an http or https URL (e.g. http://localhost:3000/push)',
      'forwardRules.1.event: an event type is needed (e.g. push, task.*, or * for any)',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { eventTypeOf, ruleFor } from '../../../shared/providers/event-type.js';
import { getProvider } from '../../../shared/providers/registry.js';

const h = (pairs: Array<[string, string]>) => pairs.map(([name, value]) => ({ name, value }));

describe('eventTypeOf', () => {
  it("reads GitHub's event from X-GitHub-Event", () => {
    expect(eventTypeOf(getProvider('github'), h([['X-GitHub-Event', 'push']]), '{"ref":"main"}')).toBe('push');
  });

  it("reads Stripe's event from the body's type, and Slack's from event.type", () => {
    expect(eventTypeOf(getProvider('stripe'), [], '{"type":"invoice.paid"}')).toBe('invoice.paid');
    expect(eventTypeOf(getProvider('slack'), [], '{"event":{"type":"app_mention"}}')).toBe('app_mention');
  });

  it('falls back to the usual places without a provider, and gives null when there is none', () => {
    expect(eventTypeOf(undefined, [], '{"event":"task.created"}')).toBe('task.created');
    expect(eventTypeOf(undefined, h([['X-Shopify-Topic', 'orders/create']]), '')).toBe('orders/create');
    expect(eventTypeOf(undefined, [], 'not json')).toBeNull();
  });
});

describe('ruleFor', () => {
  const rules = [
    { event: 'push', url: 'http://localhost:1/push' },
    { event: 'task.*', url: 'http://localhost:1/tasks' },
    { event: '*', url: 'http://localhost:1/any' },
  ];
  it('takes the first rule that matches exactly, by prefix, or any', () => {
    expect(ruleFor(rules, 'push')?.url).toBe('http://localhost:1/push');
    expect(ruleFor(rules, 'task.updated')?.url).toBe('http://localhost:1/tasks');
    expect(ruleFor(rules, 'issues')?.url).toBe('http://localhost:1/any');
    expect(ruleFor(rules.slice(0, 2), null)).toBeUndefined();
  });
});

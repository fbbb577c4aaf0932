// The built-in schemes as data: event catalogues the mock sender can offer, and retry policies that
// match what each provider documents.
import { describe, expect, it } from 'vitest';
import { getProvider, listProviders, requireProvider } from '../../../../shared/providers/registry.js';
import { attemptCount, plannedOffsetsMs } from '../../../../shared/retry/policy.js';

const SCHEMES = ['standard-webhooks', 'svix', 'stripe', 'github', 'slack', 'shopify'];
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

function valueAtPath(body: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), body);
}

describe('the built-in schemes', () => {
  it('are registered after the four seeds, in order', () => {
    expect(listProviders().map((p) => p.id)).toEqual(['aptly', 'agiletune', 'almirant', 'workspace', ...SCHEMES]);
  });

  describe.each(SCHEMES)('%s', (id) => {
    const spec = requireProvider(id);

    it('offers 3 to 6 events with distinct names', () => {
      expect(spec.events.length).toBeGreaterThanOrEqual(3);
      expect(spec.events.length).toBeLessThanOrEqual(6);
      expect(new Set(spec.events.map((e) => e.name)).size).toBe(spec.events.length);
    });

    it('gives every event a description and a JSON object sample', () => {
      for (const event of spec.events) {
        expect(event.description, event.name).not.toBe('');
        expect(JSON.parse(JSON.stringify(event.sample)), event.name).toEqual(event.sample);
        expect(typeof event.sample, event.name).toBe('object');
      }
    });

    it('puts the event name where the profile says it is', () => {
      const eventHeader = Object.entries(spec.staticHeaders).find(([, v]) => v === '{event}');
      if (eventHeader) return; // the name travels in a header, filled in by the sender
      expect(spec.eventField).not.toBeNull();
      const withEnvelope = spec.events.filter((e) => valueAtPath(e.sample, spec.eventField!) !== undefined);
      // Slack names the subscription "message.channels" for events whose type is "message".
      for (const event of withEnvelope) expect(valueAtPath(event.sample, spec.eventField!)).toBe(event.name.replace(/\.channels$/, ''));
      expect(withEnvelope.length).toBeGreaterThanOrEqual(spec.events.length - 1);
    });

    it('documents its retry policy in notes', () => {
      expect(spec.retry.notes.length).toBeGreaterThan(0);
      expect(spec.notes.length).toBeGreaterThan(0);
    });
  });
});

describe('retry policies', () => {
  it('Standard Webhooks and Svix try immediately, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h', () => {
    for (const id of ['standard-webhooks', 'svix']) {
      const policy = requireProvider(id).retry;
      expect(policy.retryDelaysMs).toEqual([5 * SEC, 5 * MIN, 30 * MIN, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR]);
      expect(attemptCount(policy)).toBe(8);
      expect(policy.success).toBe('any-2xx');
    }
  });

  it('Svix waits 15 s per attempt, and Standard Webhooks says the 15 s is assumed', () => {
    expect(requireProvider('svix').retry).toMatchObject({ timeoutMs: 15 * SEC, timeoutAssumed: false });
    expect(requireProvider('standard-webhooks').retry).toMatchObject({ timeoutMs: 15 * SEC, timeoutAssumed: true });
  });

  it('Stripe retries with exponential backoff for up to 3 days, and says the intervals are approximate', () => {
    const policy = requireProvider('stripe').retry;
    const last = plannedOffsetsMs(policy).at(-1)!;
    expect(last).toBeGreaterThan(48 * HOUR);
    expect(last).toBeLessThanOrEqual(72 * HOUR);
    policy.retryDelaysMs.slice(1).forEach((delay, i) => expect(delay).toBeGreaterThan(policy.retryDelaysMs[i]!));
    expect(policy.notes.join(' ')).toMatch(/up to three days.*exponential/);
    expect(policy.notes.join(' ')).toMatch(/not published/);
  });

  it('GitHub does not retry automatically and gives 10 s', () => {
    expect(requireProvider('github').retry).toMatchObject({ retryDelaysMs: [], timeoutMs: 10 * SEC, success: 'any-2xx' });
    expect(attemptCount(requireProvider('github').retry)).toBe(1);
  });

  it('Shopify retries 8 times over about 4 hours within a 5 s timeout', () => {
    const policy = requireProvider('shopify').retry;
    expect(policy.retryDelaysMs).toHaveLength(8);
    expect(plannedOffsetsMs(policy).at(-1)!).toBeGreaterThanOrEqual(3.5 * HOUR);
    expect(plannedOffsetsMs(policy).at(-1)!).toBeLessThanOrEqual(4.5 * HOUR);
    expect(policy.timeoutMs).toBe(5 * SEC);
  });

  it('Slack retries 3 times: immediately, after 1 minute and after 5 minutes, within 3 s', () => {
    expect(requireProvider('slack').retry).toMatchObject({ retryDelaysMs: [0, 1 * MIN, 5 * MIN], timeoutMs: 3 * SEC });
  });

  it('lets every scheme be looked up by its id', () => {
    for (const id of SCHEMES) expect(getProvider(id)?.id).toBe(id);
  });
});

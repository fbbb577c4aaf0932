// The suite as data: which checks a scheme makes meaningful, each skip with its reason; and the body
// changes the checks make (exactly one byte; whitespace only).
import { describe, expect, it } from 'vitest';
import { oneByteChanged, respaced } from '../../../../electron/core/check/bodies.js';
import { planChecks, SCENARIOS } from '../../../../shared/check/scenarios.js';
import { requireProvider } from '../../../../shared/providers/registry.js';

const runs = (id: string, secret: string | null = 'Secret-1') =>
  planChecks(requireProvider(id), { secret }).filter((p) => p.skipReason === null).map((p) => p.scenario.id);

describe('planning the checks', () => {
  it('gives a timestamped scheme the stale and replayed-timestamp checks', () => {
    expect(runs('stripe')).toEqual(expect.arrayContaining(['stale-timestamp', 'timestamp-replayed']));
  });

  it('skips the timestamp checks where the timestamp is neither signed nor limited, saying so', () => {
    const plan = planChecks(requireProvider('workspace'), { secret: 's' });
    expect(plan.find((p) => p.scenario.id === 'stale-timestamp')!.skipReason).toMatch(/sets no tolerance on X-Webhook-Timestamp and does not sign it/);
    expect(plan.find((p) => p.scenario.id === 'timestamp-replayed')!.skipReason).toMatch(/does not sign X-Webhook-Timestamp/);
  });

  it('gives a static key the key checks instead of the body checks', () => {
    expect(runs('aptly')).toEqual(['signed-accepted', 'wrong-key', 'key-case', 'missing-signature', 'empty-signature', 'duplicate-acknowledged', 'large-event-accepted']);
  });

  it('skips the letter-case check for a key without letters', () => {
    expect(runs('aptly', '123456')).not.toContain('key-case');
  });

  it('runs only the unsigned-request check without a secret', () => {
    expect(runs('agiletune', null)).toEqual(['missing-signature']);
  });

  it('lists every scenario, in suite order, whatever runs', () => {
    expect(planChecks(requireProvider('github'), { secret: 's', only: ['wrong-secret'] }).map((p) => p.scenario.id)).toEqual(SCENARIOS.map((s) => s.id));
  });
});

describe('the body changes', () => {
  const body = Buffer.from(JSON.stringify({ event: 'task.created', data: { id: 'tsk_1', title: 'Fix login' } }));

  it('changes exactly one byte, in a field of the record, keeping valid JSON', () => {
    const changed = oneByteChanged(body);
    expect(changed.length).toBe(body.length);
    expect([...changed].filter((b, i) => b !== body[i])).toHaveLength(1);
    expect(JSON.parse(changed.toString()).event).toBe('task.created');
  });

  it('changes only whitespace', () => {
    const spaced = respaced(body);
    expect(spaced.equals(body)).toBe(false);
    expect(spaced.toString().replace(/\s+/g, '')).toBe(body.toString().replace(/\s+/g, ''));
  });
});

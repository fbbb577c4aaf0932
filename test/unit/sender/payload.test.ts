// What the sender sends: each seed provider's event catalogue as its document lists it, in the
// documented shape, with fresh ids and timestamps; batches with counts, duplicates and shuffles.
import { describe, expect, it } from 'vitest';
import { getProvider } from '../../../shared/providers/registry.js';
import { encodeSample, freshSample, MAX_BATCH_RUNS, planBatch, PayloadError } from '../../../electron/core/sender/payload.js';

const spec = (id: string) => getProvider(id)!;
const NOW = Date.UTC(2026, 10, 23, 9, 30, 0);

describe('event catalogues, as the documents list them', () => {
  it('Aptly: five card events whose bodies are the flat board fields, with no event name', () => {
    const aptly = spec('aptly');
    expect(aptly.events.map((e) => e.name)).toEqual(['card.created', 'card.updated', 'card.deleted', 'comment.posted', 'file.uploaded']);
    for (const e of aptly.events) {
      const values = Object.values(e.sample as Record<string, unknown>);
      expect(values.every((v) => typeof v !== 'object')).toBe(true);
      expect(values).not.toContain(e.name);
      expect(e.sample).toMatchObject({ Name: expect.any(String), Status: expect.any(String), Email: expect.any(String) });
    }
  });

  it('AgileTune: its eight events as {event, timestamp, data{…, changes}}', () => {
    const agile = spec('agiletune');
    expect(agile.events.map((e) => e.name)).toEqual([
      'task.created', 'task.updated', 'task.deleted', 'task.moved', 'comment.created', 'member.added', 'member.removed', 'project.created',
    ]);
    for (const e of agile.events) {
      expect(Object.keys(e.sample as object)).toEqual(['event', 'timestamp', 'data']);
      expect(e.sample).toMatchObject({ event: e.name, data: { changes: expect.any(Object) } });
    }
  });

  it('Almirant: its nine events, each an event with a type', () => {
    const almirant = spec('almirant');
    expect(almirant.events.map((e) => e.name)).toEqual([
      'work_item.created', 'work_item.updated', 'work_item.moved', 'work_item.archived',
      'lead.created', 'lead.updated', 'lead.stage_changed', 'sprint.created', 'sprint.closed',
    ]);
    for (const e of almirant.events) expect(e.sample).toMatchObject({ type: e.name, id: expect.stringMatching(/^evt_/) });
  });

  it('Workspace: the fifteen events its document lists, as {event, timestamp, webhook_id, data}', () => {
    const workspace = spec('workspace');
    expect(workspace.events.map((e) => e.name)).toEqual([
      'task.created', 'task.updated', 'task.completed', 'task.deleted', 'task.assigned',
      'project.created', 'project.updated', 'project.archived', 'project.deleted',
      'comment.created', 'comment.updated', 'comment.deleted',
      'user.added', 'user.removed', 'user.role_changed',
    ]);
    for (const e of workspace.events) {
      expect(Object.keys(e.sample as object)).toEqual(['event', 'timestamp', 'webhook_id', 'data']);
      expect((e.sample as { event: string }).event).toBe(e.name);
    }
  });
});

describe('payloads', () => {
  it('refreshes the event time and the event id, and nothing else', () => {
    const sample = spec('almirant').events[0]!.sample as Record<string, unknown>;
    const fresh = freshSample(sample, NOW) as Record<string, unknown>;
    expect(fresh.created_at).toBe('2026-11-23T09:30:00Z');
    expect(fresh.id).toMatch(/^evt_[0-9a-f]{24}$/);
    expect(fresh.id).not.toBe(sample.id);
    expect(fresh.data).toEqual(sample.data);
  });

  it('refreshes Aptly\'s "Updated At" board field', () => {
    const fresh = freshSample(spec('aptly').events[1]!.sample, NOW) as Record<string, unknown>;
    expect(fresh['Updated At']).toBe('2026-11-23T09:30:00Z');
    expect(fresh.Status).toBe('Contacted');
  });

  it('dates the events of a batch one second apart, the last one now', () => {
    const batch = planBatch(spec('agiletune'), { events: ['task.created', 'task.updated', 'task.moved'] }, NOW);
    expect(batch.map((d) => JSON.parse(d.body.toString()).timestamp)).toEqual(['2026-11-23T09:29:58Z', '2026-11-23T09:29:59Z', '2026-11-23T09:30:00Z']);
  });

  it('cycles the catalogue for --count without an event', () => {
    const batch = planBatch(spec('aptly'), { events: [], count: 7 }, NOW);
    expect(batch.map((d) => d.event)).toEqual(['card.created', 'card.updated', 'card.deleted', 'comment.posted', 'file.uploaded', 'card.created', 'card.updated']);
  });

  it('repeats the same shuffle and duplicates for the same seed, and a different one for another seed', () => {
    const req = { events: [], count: 9, shuffle: true, duplicateProbability: 0.5 };
    const order = (seed: number) => planBatch(spec('almirant'), { ...req, seed }, NOW).map((d) => `${d.event}${d.duplicateOf === null ? '' : '*'}`);
    expect(order(42)).toEqual(order(42));
    expect(order(42)).not.toEqual(order(43));
  });

  it('places each duplicate right after its original unless shuffled', () => {
    const batch = planBatch(spec('workspace'), { events: ['task.created', 'task.deleted'], duplicates: 2 }, NOW);
    expect(batch.map((d) => [d.event, d.duplicateOf])).toEqual([
      ['task.created', null], ['task.created', 0], ['task.created', 0],
      ['task.deleted', null], ['task.deleted', 3], ['task.deleted', 3],
    ]);
  });

  it('plans a batch of up to 10,000 deliveries, duplicates included', () => {
    expect(MAX_BATCH_RUNS).toBe(10_000);
    const batch = planBatch(spec('agiletune'), { events: [], count: 5_000, duplicates: 1 }, NOW);
    expect(batch).toHaveLength(10_000);
  });

  it('refuses a larger batch, counting every possible duplicate so the seed cannot decide', () => {
    expect(() => planBatch(spec('agiletune'), { events: [], count: 10_000, duplicates: 3 }, NOW)).toThrow(
      /at most 10,000 deliveries, duplicates included; this one would send up to 40,000 \(10,000 events × \(1 \+ 3 duplicates\)\)/,
    );
    // Each copy kept with a 1% chance would make about 100 duplicates, but could make all 10,000.
    expect(() => planBatch(spec('agiletune'), { events: [], count: 5_001, duplicateProbability: 0.01, seed: 1 }, NOW)).toThrow(PayloadError);
  });

  it('accepts any event name with a payload of its own, and refuses unknown ones without', () => {
    expect(planBatch(spec('agiletune'), { events: ['sprint.started'], body: Buffer.from('{}') }, NOW)[0]!.event).toBe('sprint.started');
    expect(() => planBatch(spec('agiletune'), { events: ['sprint.started'] }, NOW)).toThrow(PayloadError);
  });

  it('encodes a sample compact, pretty-printed, or as a form\'s payload field', () => {
    const sample = { event: 'task.created', data: { title: 'a & b' } };
    expect(encodeSample(sample, {}).toString()).toBe(JSON.stringify(sample));
    expect(encodeSample(sample, { pretty: true }).toString()).toBe(JSON.stringify(sample, null, 2));
    const form = encodeSample(sample, { contentType: 'form' }).toString();
    expect(form.startsWith('payload=%7B%22event%22')).toBe(true);
    expect(JSON.parse(new URLSearchParams(form).get('payload')!)).toEqual(sample);
  });
});

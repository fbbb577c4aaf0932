// What a batch sends: the events in the order they "occur", each with its body bytes. Catalogue samples
// get fresh event ids and timestamps (so two deliveries of the same event are told apart the way a
// handler would: by their id); a user's --data file is sent byte for byte, untouched. Duplicates are
// the same bytes sent again as an independent delivery; a shuffle reorders the whole batch, seeded so
// a rehearsal can be repeated.
import { randomUUID } from 'node:crypto';
import type { ProviderSpec } from '../../../shared/providers/spec.js';
import { seededRandom } from '../../../shared/random.js';

/**
 * Deliveries per batch, duplicates included. The request's own limits (10,000 events or --count,
 * up to 100 duplicates each) would allow a million runs: more than a rehearsal needs, and more than
 * one statement can bind. Checked before anything is built or stored.
 */
export const MAX_BATCH_RUNS = 10_000;

/** Top-level fields that carry the event's time in the seeds' documented shapes. */
const TIME_FIELDS = new Set(['timestamp', 'created_at', 'Updated At']);

export class PayloadError extends Error {}

/** A catalogue sample as sent now: event id and time refreshed, everything else as in the catalogue. */
export function freshSample(sample: unknown, nowMs: number): unknown {
  if (sample === null || typeof sample !== 'object' || Array.isArray(sample)) return sample;
  const out: Record<string, unknown> = { ...(sample as Record<string, unknown>) };
  for (const key of Object.keys(out)) {
    if (TIME_FIELDS.has(key) && typeof out[key] === 'string') out[key] = new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  // An event-level id (Almirant's `evt_…`, Stripe's `evt_…`) names one delivery of one event.
  if (typeof out.id === 'string' && /^evt_/.test(out.id)) out.id = `evt_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
  return out;
}

export interface BatchRequest {
  /** Event names as they occur; with `count`, cycled to that many. */
  events: string[];
  count?: number;
  /** Exact bytes to send for every event instead of the catalogue sample. */
  body?: Buffer;
  /** Extra copies of each event (each kept with `duplicateProbability`, default 1). */
  duplicates?: number;
  duplicateProbability?: number;
  shuffle?: boolean;
  seed?: number;
  /** Catalogue samples pretty-printed (2 spaces) instead of compact: what a re-serialising handler gets wrong. */
  pretty?: boolean;
  /** `form`: catalogue samples sent as `payload=<url-encoded JSON>`. */
  contentType?: 'json' | 'form';
}

export interface PlannedDelivery {
  event: string;
  body: Buffer;
  /** Index in this list of the delivery this one duplicates, or null for an original. */
  duplicateOf: number | null;
  /**
   * Position of its event in the order the events occurred (0-based, before any shuffle); a duplicate
   * shares its original's. Equal to the index in this list when nothing was shuffled or duplicated.
   */
  occurredSeq: number;
}

export function planBatch(spec: ProviderSpec, req: BatchRequest, nowMs: number): PlannedDelivery[] {
  const names = eventSequence(spec, req);
  const random = seededRandom(req.seed ?? Date.now());
  const copies = req.duplicates ?? (req.duplicateProbability !== undefined ? 1 : 0);
  checkBatchSize(names.length, copies);
  const probability = req.duplicateProbability ?? 1;
  const deliveries: Array<{ event: string; body: Buffer; original: number | null; key: number }> = [];
  names.forEach((event, key) => {
    // Events of a batch occur one second apart, the last one now: their timestamps tell a handler the
    // order they happened in, whatever order they arrive in.
    const occurredAt = nowMs - (names.length - 1 - key) * 1000;
    const body = req.body ?? encodeSample(freshSample(sampleOf(spec, event), occurredAt), req);
    deliveries.push({ event, body, original: null, key });
    for (let i = 0; i < copies; i++) if (random() < probability) deliveries.push({ event, body, original: key, key });
  });
  if (req.shuffle) shuffleInPlace(deliveries, random);
  const firstIndexOf = new Map<number, number>();
  deliveries.forEach((d, i) => {
    if (d.original === null) firstIndexOf.set(d.key, i);
  });
  return deliveries.map((d) => ({
    event: d.event,
    body: d.body,
    duplicateOf: d.original === null ? null : firstIndexOf.get(d.key)!,
    occurredSeq: d.key,
  }));
}

/** Counts every possible duplicate, so whether a batch is accepted does not depend on the seed. */
function checkBatchSize(events: number, copies: number): void {
  const most = events * (1 + copies);
  if (most <= MAX_BATCH_RUNS) return;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const parts = copies > 0 ? `${fmt(events)} events × (1 + ${copies} duplicate${copies === 1 ? '' : 's'})` : `${fmt(events)} events`;
  throw new PayloadError(
    `a batch sends at most ${fmt(MAX_BATCH_RUNS)} deliveries, duplicates included; this one would send up to ${fmt(most)} (${parts}): lower --count, the number of events or --duplicates`,
  );
}

function eventSequence(spec: ProviderSpec, req: BatchRequest): string[] {
  const catalogue = spec.events.map((e) => e.name);
  let names = req.events;
  if (names.length === 0) {
    if (req.count === undefined) throw new PayloadError(`name an event to send (${spec.id}'s events: ${catalogue.join(', ') || 'none'})`);
    if (catalogue.length === 0) throw new PayloadError(`${spec.id} has no event catalogue: name the event and give the payload (--data)`);
    names = catalogue;
  }
  if (!req.body) {
    const unknown = names.filter((n) => !catalogue.includes(n));
    if (unknown.length > 0) {
      throw new PayloadError(
        `unknown ${spec.id} event "${unknown[0]}" (known: ${catalogue.join(', ') || 'none'}); to send another event, give its payload with --data`,
      );
    }
  }
  const count = req.count ?? names.length;
  return Array.from({ length: count }, (_, i) => names[i % names.length]!);
}

/**
 * A sample's bytes: compact JSON (what providers send), or pretty-printed; in a form body, the JSON goes
 * in one `payload` field, URL-encoded (GitHub's convention; the signature covers these form bytes).
 */
export function encodeSample(sample: unknown, req: Pick<BatchRequest, 'pretty' | 'contentType'>): Buffer {
  const json = req.pretty ? JSON.stringify(sample, null, 2) : JSON.stringify(sample);
  return Buffer.from(req.contentType === 'form' ? new URLSearchParams({ payload: json }).toString() : json);
}

function sampleOf(spec: ProviderSpec, event: string): unknown {
  return spec.events.find((e) => e.name === event)!.sample;
}

function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

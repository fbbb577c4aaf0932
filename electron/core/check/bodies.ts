// The events a check sends. Every request of a run carries its own event (fresh event ids where the
// body has them, and its own time, a second apart), so a handler that drops duplicates sees exactly
// one duplicate: the one the duplicate scenario sends on purpose. A --data body that is a JSON object
// gets the same treatment; any other body is sent as given, every time.
import { randomUUID } from 'node:crypto';
import type { ProviderSpec } from '../../../shared/providers/spec.js';
import { freshSample } from '../sender/payload.js';

/** Unix-seconds fields some providers carry (Stripe's `created`, Slack's `event_time`). */
const UNIX_TIME_FIELDS = ['created', 'event_time'];

export class EventBodies {
  private made = 0;
  private readonly template: Record<string, unknown> | null;

  constructor(
    private readonly startMs: number,
    sample: unknown,
    private readonly raw: Buffer | null,
  ) {
    const value = raw ? parseObject(raw) : sample;
    this.template = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  }

  /** The event is a JSON object (so it can be told apart, enlarged and re-spaced). */
  get isObject(): boolean {
    return this.template !== null;
  }

  /** A new occurrence of the event; `padTo` enlarges it to about that many bytes. */
  next(opts: { padTo?: number } = {}): Buffer {
    this.made += 1;
    if (!this.template) return this.raw ?? Buffer.from(JSON.stringify(null));
    // Occurrences go forward in time from a minute ago: distinct, ordered, never in the future.
    const occurredAt = this.startMs - 60_000 + this.made * 1000;
    const event = freshSample(this.template, occurredAt) as Record<string, unknown>;
    for (const key of UNIX_TIME_FIELDS) if (typeof event[key] === 'number') event[key] = Math.floor(occurredAt / 1000);
    if (typeof event.event_id === 'string') event.event_id = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    const text = JSON.stringify(event);
    if (!opts.padTo || opts.padTo <= text.length) return Buffer.from(text);
    const padding = 'x'.repeat(Math.max(0, opts.padTo - text.length - ',"padding":""'.length));
    return Buffer.from(JSON.stringify({ ...event, padding }));
  }
}

export function eventSample(spec: ProviderSpec, event: string): unknown {
  return spec.events.find((e) => e.name === event)?.sample ?? null;
}

function parseObject(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
}

/** The same event spaced differently: pretty-printed JSON, or a trailing newline for other bodies. */
export function respaced(body: Buffer): Buffer {
  const value = parseObject(body);
  if (value !== null && typeof value === 'object') return Buffer.from(JSON.stringify(value, null, 2));
  return Buffer.concat([body, Buffer.from('\n')]);
}

/**
 * The body with exactly one byte changed: the last letter or digit of a string value in a compact JSON
 * body (so it stays valid JSON and only the signature can tell), else the body's last byte's low bit.
 */
export function oneByteChanged(body: Buffer): Buffer {
  const text = body.toString('utf8');
  const value = parseObject(body);
  if (value !== null && typeof value === 'object' && JSON.stringify(value) === text) {
    // Deepest first: a field of the record, not the event's name (a handler may route on it first).
    const leaves = stringLeaves(value, []).reverse().sort((a, b) => b.length - a.length);
    for (const path of leaves) {
      const changed = setLeaf(value, path, (s) => (/[A-Za-z0-9]$/.test(s) ? s.slice(0, -1) + nextChar(s.at(-1)!) : null));
      if (changed) return Buffer.from(JSON.stringify(value));
    }
  }
  const out = Buffer.from(body);
  if (out.length === 0) return Buffer.from(' ');
  out[out.length - 1] = out[out.length - 1]! ^ 0x01;
  return out;
}

function nextChar(c: string): string {
  if (c === 'z') return 'a';
  if (c === 'Z') return 'A';
  if (c === '9') return '0';
  return String.fromCharCode(c.charCodeAt(0) + 1);
}

function stringLeaves(value: unknown, path: Array<string | number>): Array<Array<string | number>> {
  if (typeof value === 'string') return [path];
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([key, v]) => stringLeaves(v, [...path, key]));
}

function setLeaf(root: unknown, path: Array<string | number>, change: (s: string) => string | null): boolean {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  const next = change(node[last] as string);
  if (next === null) return false;
  node[last] = next;
  return true;
}

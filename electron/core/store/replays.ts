// Replays and auto-forwards, each recorded against its delivery: what was sent and what came back.
// The request body is stored only when it differs from the delivery's (an edit); otherwise the column
// is NULL and the delivery's bytes are read back, so forwarding every capture does not double the file.
import type { HeaderField } from '../../../shared/domain.js';
import type { Replay, ReplayMode } from '../../../shared/api/replay.js';
import type { Db } from './connection.js';
import { utf8OrNull } from './deliveries.js';

export interface NewReplay {
  deliveryId: number;
  createdAtMs: number;
  mode: ReplayMode;
  edited: boolean;
  target: string;
  request: { method: string; url: string; headers: HeaderField[]; body: Buffer | null };
  response: { status: number; headers: HeaderField[]; body: Buffer; truncated: boolean } | null;
  durationMs: number;
  error: { kind: string; message: string } | null;
  /** Why the handler was not reached, in words (forward-diagnosis.ts), or null. */
  diagnosis?: string | null;
}

interface ReplayRow {
  id: number;
  delivery_id: number;
  created_at: number;
  mode: ReplayMode;
  edited: number;
  target: string;
  request_method: string;
  request_url: string;
  request_headers: string;
  request_body: Buffer;
  response_status: number | null;
  response_headers: string | null;
  response_body: Buffer | null;
  response_truncated: number;
  duration_ms: number;
  error_kind: string | null;
  error_message: string | null;
  diagnosis: string | null;
}

const SELECT = `SELECT r.id, r.delivery_id, r.created_at, r.mode, r.edited, r.target, r.request_method, r.request_url,
  r.request_headers, COALESCE(r.request_body, d.body) AS request_body, r.response_status, r.response_headers,
  r.response_body, r.response_truncated, r.duration_ms, r.error_kind, r.error_message, r.diagnosis
  FROM replays r JOIN deliveries d ON d.id = r.delivery_id`;

export class ReplayRepo {
  constructor(private readonly db: Db) {}

  insert(r: NewReplay): Replay {
    const info = this.db
      .prepare(`INSERT INTO replays (delivery_id, created_at, mode, edited, target, request_method, request_url,
        request_headers, request_body, response_status, response_headers, response_body, response_truncated, duration_ms,
        error_kind, error_message, diagnosis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        r.deliveryId,
        r.createdAtMs,
        r.mode,
        r.edited ? 1 : 0,
        r.target,
        r.request.method,
        r.request.url,
        JSON.stringify(r.request.headers.map((h) => [h.name, h.value])),
        r.request.body,
        r.response?.status ?? null,
        r.response ? JSON.stringify(r.response.headers.map((h) => [h.name, h.value])) : null,
        r.response?.body ?? null,
        r.response?.truncated ? 1 : 0,
        r.durationMs,
        r.error?.kind ?? null,
        r.error?.message ?? null,
        r.diagnosis ?? null,
      );
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): Replay | undefined {
    const row = this.db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as ReplayRow | undefined;
    return row ? toReplay(row) : undefined;
  }

  /** A delivery's replays, oldest first. */
  listFor(deliveryId: number): Replay[] {
    return (this.db.prepare(`${SELECT} WHERE r.delivery_id = ? ORDER BY r.id`).all(deliveryId) as ReplayRow[]).map(toReplay);
  }
}

const repos = new WeakMap<Db, ReplayRepo>();

/** The replay repository of a store's connection (one per connection, made on first use). */
export function replaysOf(db: Db): ReplayRepo {
  let repo = repos.get(db);
  if (!repo) repos.set(db, (repo = new ReplayRepo(db)));
  return repo;
}

const fields = (json: string): HeaderField[] => (JSON.parse(json) as Array<[string, string]>).map(([name, value]) => ({ name, value }));

function toReplay(row: ReplayRow): Replay {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    createdAt: new Date(row.created_at).toISOString(),
    mode: row.mode,
    edited: row.edited === 1,
    target: row.target,
    request: { method: row.request_method, url: row.request_url, headers: fields(row.request_headers), bodyBase64: row.request_body.toString('base64') },
    response:
      row.response_status === null
        ? null
        : {
            status: row.response_status,
            headers: fields(row.response_headers ?? '[]'),
            bodyBase64: (row.response_body ?? Buffer.alloc(0)).toString('base64'),
            bodyText: utf8OrNull(row.response_body ?? Buffer.alloc(0)),
            truncated: row.response_truncated === 1,
          },
    durationMs: row.duration_ms,
    error: row.error_kind === null ? null : { kind: row.error_kind, message: row.error_message ?? '' },
    diagnosis: row.diagnosis,
  };
}

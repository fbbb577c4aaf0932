// Captured deliveries: batched inserts (one transaction for a whole group of captures), newest-first
// pages with filters, and the full record with its exact body bytes.
import type {
  DeliveryDetail,
  DeliverySummary,
  HeaderField,
  Incomplete,
  Verification,
  VerificationStatus,
} from '../../../shared/domain.js';
import { headerValue } from '../../../shared/headers.js';
import type { Db } from './db.js';

export interface NewCapture {
  receivedAtMs: number;
  method: string;
  path: string;
  query: string;
  httpVersion: string;
  headers: HeaderField[];
  body: Buffer;
  truncated: boolean;
  incomplete: Incomplete;
  remoteAddress: string | null;
  remotePort: number | null;
  durationMs: number;
  endpointId: number | null;
  endpointPath: string | null;
  provider: string | null;
  verification: Verification;
  responseStatus: number | null;
}

export interface DeliveryQuery {
  limit?: number;
  /** Page backwards: only deliveries with an id below this one. */
  beforeId?: number;
  /** Only deliveries with an id above this one (catching up after a reconnect). */
  afterId?: number;
  endpoint?: string;
  provider?: string;
  verdict?: VerificationStatus;
  method?: string;
  /** Case-insensitive text search over path, query, headers and body. */
  q?: string;
}

export const MAX_PAGE = 1000;

const SUMMARY_COLUMNS = `id, received_at, method, path, query, endpoint_path, provider, body_size, truncated,
  incomplete, content_type, response_status, verification`;

interface SummaryRow {
  id: number;
  received_at: number;
  method: string;
  path: string;
  query: string;
  endpoint_path: string | null;
  provider: string | null;
  body_size: number;
  truncated: number;
  incomplete: Incomplete;
  content_type: string | null;
  response_status: number | null;
  verification: string;
}

interface DetailRow extends SummaryRow {
  http_version: string;
  headers: string;
  body: Buffer;
  remote_address: string | null;
  remote_port: number | null;
  duration_ms: number;
}

export class DeliveryRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly bodyStmt;
  private readonly updateVerificationStmt;
  private readonly insertBatch;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`
      INSERT INTO deliveries (received_at, method, path, query, http_version, body_size, truncated, incomplete,
        content_type, remote_address, remote_port, duration_ms, endpoint_id, endpoint_path, provider, verdict,
        response_status, verification, headers, body)
      VALUES (@receivedAt, @method, @path, @query, @httpVersion, @bodySize, @truncated, @incomplete, @contentType,
        @remoteAddress, @remotePort, @durationMs, @endpointId, @endpointPath, @provider, @verdict, @responseStatus,
        @verification, @headers, @body)`);
    this.getStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS}, http_version, headers, body, remote_address, remote_port,
      duration_ms FROM deliveries WHERE id = ?`);
    this.bodyStmt = db.prepare('SELECT body FROM deliveries WHERE id = ?').pluck();
    this.updateVerificationStmt = db.prepare(
      'UPDATE deliveries SET verification = ?, verdict = ?, provider = coalesce(?, provider) WHERE id = ?',
    );
    this.insertBatch = db.transaction((captures: readonly NewCapture[]) =>
      captures.map((c) => Number(this.insertStmt.run(toRow(c)).lastInsertRowid)),
    );
  }

  /** Inserts all captures in one transaction; returns their ids in order. */
  insertMany(captures: readonly NewCapture[]): number[] {
    return this.insertBatch(captures);
  }

  insert(capture: NewCapture): number {
    return this.insertMany([capture])[0]!;
  }

  list(query: DeliveryQuery = {}): DeliverySummary[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.beforeId !== undefined) (where.push('id < ?'), params.push(query.beforeId));
    if (query.afterId !== undefined) (where.push('id > ?'), params.push(query.afterId));
    if (query.endpoint !== undefined) (where.push('endpoint_path = ?'), params.push(query.endpoint));
    if (query.provider !== undefined) (where.push('provider = ?'), params.push(query.provider));
    if (query.verdict !== undefined) (where.push('verdict = ?'), params.push(query.verdict));
    if (query.method !== undefined) (where.push('method = ?'), params.push(query.method.toUpperCase()));
    if (query.q) {
      const like = `%${escapeLike(query.q)}%`;
      where.push(`(path LIKE ? ESCAPE '\\' OR query LIKE ? ESCAPE '\\' OR headers LIKE ? ESCAPE '\\' OR CAST(body AS TEXT) LIKE ? ESCAPE '\\')`);
      params.push(like, like, like, like);
    }
    const limit = Math.min(Math.max(query.limit ?? 100, 1), MAX_PAGE);
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT ${limit}`;
    return (this.db.prepare(sql).all(...params) as SummaryRow[]).map(toSummary);
  }

  get(id: number): DeliveryDetail | undefined {
    const row = this.getStmt.get(id) as DetailRow | undefined;
    return row ? toDetail(row) : undefined;
  }

  body(id: number): Buffer | undefined {
    return this.bodyStmt.get(id) as Buffer | undefined;
  }

  updateVerification(id: number, verification: Verification): void {
    this.updateVerificationStmt.run(JSON.stringify(verification), verification.status, verification.provider, id);
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM deliveries').pluck().get() as number;
  }

  countsByVerdict(): Record<string, number> {
    const rows = this.db.prepare('SELECT verdict, count(*) AS n FROM deliveries GROUP BY verdict').all() as Array<{ verdict: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.verdict, r.n]));
  }

  /** Deletes the given deliveries, or all of them when no ids are given; returns how many went. */
  delete(ids?: readonly number[]): number {
    if (!ids) return this.db.prepare('DELETE FROM deliveries').run().changes;
    const del = this.db.prepare('DELETE FROM deliveries WHERE id = ?');
    return this.db.transaction(() => ids.reduce((n, id) => n + del.run(id).changes, 0))();
  }
}

/** The list row of a capture just committed, built without reading it back. */
export function captureSummary(id: number, c: NewCapture): DeliverySummary {
  return {
    id,
    receivedAt: new Date(c.receivedAtMs).toISOString(),
    method: c.method,
    path: c.path,
    query: c.query,
    endpoint: c.endpointPath,
    provider: providerOf(c),
    size: c.body.length,
    truncated: c.truncated,
    incomplete: c.incomplete,
    contentType: contentTypeOf(c),
    responseStatus: c.responseStatus,
    verification: c.verification,
  };
}

const providerOf = (c: NewCapture) => c.verification.provider ?? c.provider;
const contentTypeOf = (c: NewCapture) => headerValue(c.headers, 'content-type') ?? null;

function toRow(c: NewCapture) {
  return {
    receivedAt: c.receivedAtMs,
    method: c.method,
    path: c.path,
    query: c.query,
    httpVersion: c.httpVersion,
    bodySize: c.body.length,
    truncated: c.truncated ? 1 : 0,
    incomplete: c.incomplete,
    contentType: contentTypeOf(c),
    remoteAddress: c.remoteAddress,
    remotePort: c.remotePort,
    durationMs: c.durationMs,
    endpointId: c.endpointId,
    endpointPath: c.endpointPath,
    provider: providerOf(c),
    verdict: c.verification.status,
    responseStatus: c.responseStatus,
    verification: JSON.stringify(c.verification),
    headers: JSON.stringify(c.headers.map((h) => [h.name, h.value])),
    body: c.body,
  };
}

function toSummary(row: SummaryRow): DeliverySummary {
  return {
    id: row.id,
    receivedAt: new Date(row.received_at).toISOString(),
    method: row.method,
    path: row.path,
    query: row.query,
    endpoint: row.endpoint_path,
    provider: row.provider,
    size: row.body_size,
    truncated: row.truncated === 1,
    incomplete: row.incomplete,
    contentType: row.content_type,
    responseStatus: row.response_status,
    verification: JSON.parse(row.verification) as Verification,
  };
}

function toDetail(row: DetailRow): DeliveryDetail {
  const body = row.body;
  return {
    ...toSummary(row),
    headers: (JSON.parse(row.headers) as Array<[string, string]>).map(([name, value]) => ({ name, value })),
    bodyBase64: body.toString('base64'),
    bodyText: utf8OrNull(body),
    remoteAddress: row.remote_address,
    remotePort: row.remote_port,
    durationMs: row.duration_ms,
    httpVersion: row.http_version,
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// Captured deliveries: batched inserts (one transaction for a whole group of captures), newest-first
// pages with filters, and the full record with its exact body bytes.
import type {
  DeliveryDetail,
  DeliverySummary,
  HeaderField,
  Incomplete,
  ResponseSpec,
  Verification,
} from '../../../shared/domain.js';
import { headerValue } from '../../../shared/headers.js';
import type { Db } from './connection.js';
import { listRows, SUMMARY_COLUMNS, type DeliveryQuery } from './delivery-list.js';
import { SearchIndex } from './search.js';
import { verificationFromStore, verificationToStore } from './stored-verification.js';

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
  /** The endpoint the request matched when it arrived, if any. */
  endpointId: number | null;
  endpointPath: string | null;
  provider: string | null;
  verification: Verification;
  /** The status it was answered with (null when the client went away first). */
  responseStatus: number | null;
  /** The endpoint response settings it was answered with (endpoint_responses.id; 0: the default answer). */
  responseId?: number | null;
  /** The provider's event type (shared/providers/event.ts), when filing found one. */
  event?: string | null;
}

export { MAX_PAGE, type DeliveryQuery } from './delivery-list.js';

/**
 * Positional parameters in deliveryRow's order (binding by name costs a look-up per column per row).
 * The endpoint id goes through a look-up, so a capture whose endpoint was deleted between matching
 * and committing is stored without one instead of failing the foreign key (and with it the whole
 * group of captures committed together).
 */
const INSERT_DELIVERY_SQL = `
  INSERT INTO deliveries (id, received_at, method, path, query, http_version, body_size, truncated, incomplete,
    content_type, remote_address, remote_port, duration_ms, endpoint_id, endpoint_path, provider, verdict,
    response_status, event, verification, headers, body, response_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM endpoints WHERE id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export interface StoredAnswer {
  status: number | null;
  incomplete: Incomplete;
  storedBytes: number;
  /** endpoint_responses.id; 0: the default answer; null: not recorded (captured before answers were). */
  responseId: number | null;
  spec: ResponseSpec | null;
}

interface AnswerRow {
  status: number | null;
  incomplete: Incomplete;
  storedBytes: number;
  responseId: number | null;
  specStatus: number | null;
  specHeaders: string | null;
  specBody: string | null;
  specDelayMs: number | null;
}

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
  event: string | null;
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
  private readonly betweenStmt;
  private readonly endpointIdStmt;
  private readonly requestStmt;
  private readonly answerStmt;
  private readonly updateVerificationStmt;
  private readonly insertBatch;
  /** The text search index, filled in idle time by the receiver. */
  readonly search: SearchIndex;

  constructor(private readonly db: Db) {
    this.search = new SearchIndex(db);
    this.insertStmt = db.prepare(INSERT_DELIVERY_SQL);
    this.getStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS}, http_version, headers, body, remote_address, remote_port,
      duration_ms FROM deliveries WHERE id = ?`);
    this.bodyStmt = db.prepare('SELECT body FROM deliveries WHERE id = ?').pluck();
    this.endpointIdStmt = db.prepare('SELECT endpoint_id FROM deliveries WHERE id = ?').pluck();
    this.requestStmt = db.prepare('SELECT method, headers FROM deliveries WHERE id = ?');
    this.answerStmt = db.prepare(`SELECT d.response_status AS status, d.incomplete, d.body_size AS storedBytes, d.response_id AS responseId,
      r.status AS specStatus, r.headers AS specHeaders, r.body AS specBody, r.delay_ms AS specDelayMs
      FROM deliveries d LEFT JOIN endpoint_responses r ON r.id = d.response_id WHERE d.id = ?`);
    this.betweenStmt = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM deliveries WHERE id BETWEEN ? AND ? ORDER BY id`);
    this.updateVerificationStmt = db.prepare(
      'UPDATE deliveries SET verification = ?, verdict = ?, provider = coalesce(?, provider) WHERE id = ?',
    );
    this.insertBatch = db.transaction((captures: readonly NewCapture[]) =>
      captures.map((c) => Number(this.insertStmt.run(null, ...deliveryRow(c)).lastInsertRowid)),
    );
  }

  /**
   * Inserts deliveries directly, in one transaction, with ids SQLite picks; returns them in order.
   * For seeding (tests, benchmarks): the receiver's captures go through the capture log instead,
   * whose pending ids this could take.
   */
  insertMany(captures: readonly NewCapture[]): number[] {
    return this.insertBatch(captures);
  }

  /** Files a capture from the log under the id it was logged with (in the caller's transaction). */
  insertWithId(id: number, capture: NewCapture): void {
    this.insertStmt.run(id, ...deliveryRow(capture));
  }

  /**
   * What a delivery was answered with: its status, and the response settings it was answered with
   * (`spec`: null when not recorded, i.e. captured before migration 8, or the default answer, id 0).
   */
  answer(id: number): StoredAnswer | undefined {
    const row = this.answerStmt.get(id) as AnswerRow | undefined;
    if (!row) return undefined;
    const spec =
      row.specStatus === null
        ? null
        : { status: row.specStatus, headers: (JSON.parse(row.specHeaders!) as HeaderField[]), body: row.specBody!, delayMs: row.specDelayMs! };
    return { status: row.status, incomplete: row.incomplete, storedBytes: row.storedBytes, responseId: row.responseId, spec };
  }

  /** Newest first, filtered; `q` searches path, query, headers and body (see delivery-list.ts). */
  list(query: DeliveryQuery = {}): DeliverySummary[] {
    return listRows<SummaryRow>(this.db, this.search, query).map((row) => toSummary(row));
  }

  /** List rows with ids from `first` to `last`, oldest first (those deleted meanwhile are left out). */
  summariesBetween(first: number, last: number): DeliverySummary[] {
    return (this.betweenStmt.all(first, last) as SummaryRow[]).map((row) => toSummary(row));
  }

  get(id: number): DeliveryDetail | undefined {
    const row = this.getStmt.get(id) as DetailRow | undefined;
    return row ? toDetail(row) : undefined;
  }

  /** A capture not filed yet (still in the capture log) shown as the delivery it will be, under `id`. */
  detailOf(id: number, c: NewCapture): DeliveryDetail {
    return toDetail({
      id,
      received_at: c.receivedAtMs,
      method: c.method,
      path: c.path,
      query: c.query,
      endpoint_path: c.endpointPath,
      provider: providerOf(c),
      body_size: c.body.length,
      truncated: c.truncated ? 1 : 0,
      incomplete: c.incomplete,
      content_type: contentTypeOf(c),
      response_status: c.responseStatus,
      event: c.event ?? null,
      verification: verificationToStore(c.verification, c.body),
      http_version: c.httpVersion,
      headers: JSON.stringify(c.headers.map((h) => [h.name, h.value])),
      body: c.body,
      remote_address: c.remoteAddress,
      remote_port: c.remotePort,
      duration_ms: c.durationMs,
    });
  }

  /** The endpoint the delivery is attached to now (null once that endpoint is deleted). */
  endpointIdOf(id: number): number | null {
    return (this.endpointIdStmt.get(id) as number | null | undefined) ?? null;
  }

  /** The request line's method and the headers, without reading the body (what a record of a send needs). */
  request(id: number): { id: number; method: string; headers: HeaderField[] } | undefined {
    const row = this.requestStmt.get(id) as { method: string; headers: string } | undefined;
    return row && { id, method: row.method, headers: parseHeaders(row.headers) };
  }

  body(id: number): Buffer | undefined {
    return this.bodyStmt.get(id) as Buffer | undefined;
  }

  /** Stores a new verdict for the delivery whose body (checked to make it) is `body`. */
  updateVerification(id: number, verification: Verification, body: Buffer): void {
    const stored = verificationToStore(verification, body);
    this.updateVerificationStmt.run(stored, verification.status, verification.provider, id);
  }

  /** Ids of the deliveries of the endpoint at `path`: matched at that path, or attached to the endpoint there now. */
  idsOfEndpoint(path: string): number[] {
    return this.db
      .prepare('SELECT id FROM deliveries WHERE endpoint_path = ? OR endpoint_id = (SELECT id FROM endpoints WHERE path = ?) ORDER BY id')
      .pluck()
      .all(path, path) as number[];
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM deliveries').pluck().get() as number;
  }

  countsByVerdict(): Record<string, number> {
    const rows = this.db.prepare('SELECT verdict, count(*) AS n FROM deliveries GROUP BY verdict').all() as Array<{ verdict: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.verdict, r.n]));
  }

  /** Deletes the given deliveries, or all of them when no ids are given; returns how many went. */
  /** Deletes these deliveries in one transaction (all of them go through retention's paced clear instead). */
  delete(ids: readonly number[]): number {
    const del = this.db.prepare('DELETE FROM deliveries WHERE id = ?');
    return this.db.transaction(() => ids.reduce((n, id) => n + del.run(id).changes, 0))();
  }
}

const providerOf = (c: NewCapture) => c.verification.provider ?? c.provider;
const contentTypeOf = (c: NewCapture) => headerValue(c.headers, 'content-type') ?? null;

/** INSERT_DELIVERY_SQL's parameters after the id, in its order. */
function deliveryRow(c: NewCapture): unknown[] {
  return [
    c.receivedAtMs,
    c.method,
    c.path,
    c.query,
    c.httpVersion,
    c.body.length,
    c.truncated ? 1 : 0,
    c.incomplete,
    contentTypeOf(c),
    c.remoteAddress,
    c.remotePort,
    c.durationMs,
    c.endpointId,
    c.endpointPath,
    providerOf(c),
    c.verification.status,
    c.responseStatus,
    c.event ?? null,
    verificationToStore(c.verification, c.body),
    JSON.stringify(c.headers.map((h) => [h.name, h.value])),
    c.body,
    c.responseId ?? null,
  ];
}

/** With the body (a full delivery), the verdict is read back whole; a list row goes without its preview. */
function toSummary(row: SummaryRow, body?: Buffer): DeliverySummary {
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
    event: row.event,
    verification: verificationFromStore(row.verification, body),
  };
}

function toDetail(row: DetailRow): DeliveryDetail {
  const body = row.body;
  return {
    ...toSummary(row, body),
    headers: parseHeaders(row.headers),
    bodyBase64: body.toString('base64'),
    bodyText: utf8OrNull(body),
    remoteAddress: row.remote_address,
    remotePort: row.remote_port,
    durationMs: row.duration_ms,
    httpVersion: row.http_version,
  };
}

/** The headers column: [[name, value], …] in arrival order. */
function parseHeaders(column: string): HeaderField[] {
  return (JSON.parse(column) as Array<[string, string]>).map(([name, value]) => ({ name, value }));
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

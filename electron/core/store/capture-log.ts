// The capture log: where the receiver commits each capture before answering, as it arrived and
// nothing more. A delivery row costs several times as much to write (four indexes, the verdict, the
// parsed headers), and the signature check costs as much again, so both are left to filing
// (core/capture/filing.ts), which files logged captures into deliveries under the id the provider
// was already given. Ids are allocated here, above every delivery and every logged capture, so a
// filed capture never meets an id already taken. The table is the store's; what happens to a capture
// on its way from the socket to the inbox is drawn in core/capture/index.ts.
import type { Incomplete } from '../../../shared/domain.js';
import { fromRawHeaders } from '../../../shared/headers.js';
import type { Db } from './connection.js';
import type { DeliveryRepo, NewCapture } from './deliveries.js';

/** A capture as the receiver commits it: everything that arrived, nothing derived from it yet. */
export interface RawCapture extends Omit<NewCapture, 'headers' | 'provider' | 'verification'> {
  /** Node's flat list, as received: name, value, name, value… */
  rawHeaders: readonly string[];
}

/** A capture read back from the log, its headers as name/value fields: a delivery but for the verdict. */
export type LoggedCapture = Omit<NewCapture, 'provider' | 'verification'>;

export interface FilingSlice {
  /** Most captures filed in one transaction. */
  maxRows?: number;
  /** Stop once this many body bytes were filed (at least one capture is). */
  maxBytes?: number;
  /** Leave captures with a higher id for later (a read waits only for what was logged before it). */
  throughId?: number;
  /** Wait at most this long for another connection's write lock, then fail with SQLITE_BUSY (default: the connection's busy timeout). */
  lockWaitMs?: number;
}

interface LogRow {
  id: number;
  received_at: number;
  method: string;
  path: string;
  query: string;
  http_version: string;
  truncated: number;
  incomplete: Incomplete;
  remote_address: string | null;
  remote_port: number | null;
  duration_ms: number;
  endpoint_id: number | null;
  endpoint_path: string | null;
  response_status: number | null;
  headers: string;
  body: Buffer;
  response_id: number | null;
}

export class CaptureLog {
  private readonly stmts;
  private readonly appendBatch;

  constructor(
    private readonly db: Db,
    private readonly deliveries: DeliveryRepo,
  ) {
    this.stmts = {
      insert: db.prepare(`INSERT INTO capture_log (id, received_at, method, path, query, http_version, truncated,
        incomplete, remote_address, remote_port, duration_ms, endpoint_id, endpoint_path, response_status, headers, body,
        response_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      // Both maxima are read from the ends of their rowid trees: once per group of captures, not per row.
      lastId: db.prepare(`SELECT max(coalesce((SELECT max(id) FROM capture_log), 0),
        coalesce((SELECT max(id) FROM deliveries), 0))`).pluck(),
      newest: db.prepare('SELECT coalesce(max(id), 0) FROM capture_log').pluck(),
      oldest: db.prepare('SELECT id, received_at FROM capture_log ORDER BY id LIMIT 1'),
      sizes: db.prepare('SELECT id, length(body) AS size FROM capture_log WHERE id <= ? ORDER BY id LIMIT ?'),
      rows: db.prepare('SELECT * FROM capture_log WHERE id <= ? ORDER BY id'),
      one: db.prepare('SELECT * FROM capture_log WHERE id = ?'),
      remove: db.prepare('DELETE FROM capture_log WHERE id <= ?'),
    };
    this.appendBatch = db.transaction((captures: readonly RawCapture[]) => {
      let id = this.stmts.lastId.get() as number;
      return captures.map((c) => {
        this.stmts.insert.run(++id, ...logRow(c));
        return id;
      });
    });
  }

  /** Commits the captures in one transaction; returns their ids, in order. */
  append(captures: readonly RawCapture[]): number[] {
    // The write lock first: the ids are read and used in the same transaction, even with another
    // process appending to the same file.
    return this.appendBatch.immediate(captures);
  }

  /** The id of the newest capture not filed yet, 0 when the log is empty. */
  newestId(): number {
    return this.stmts.newest.get() as number;
  }

  /** One capture still waiting to be filed, as logged (a read that could not file it serves it from here). */
  get(id: number): LoggedCapture | undefined {
    const row = this.stmts.one.get(id) as LogRow | undefined;
    return row && fromLogRow(row);
  }

  /** The oldest capture not filed yet, if any. */
  oldest(): { id: number; receivedAtMs: number } | undefined {
    const row = this.stmts.oldest.get() as { id: number; received_at: number } | undefined;
    return row && { id: row.id, receivedAtMs: row.received_at };
  }

  /**
   * Files the oldest logged captures into deliveries, in one transaction: each is read, turned into
   * a delivery by `build` (which verifies it), inserted under its id and removed from the log; returns
   * their ids. Two processes can file at once: the write lock makes each capture move exactly once.
   */
  file(build: (capture: LoggedCapture) => NewCapture, slice: FilingSlice = {}): number[] {
    const maxRows = slice.maxRows ?? 64;
    const maxBytes = slice.maxBytes ?? 1024 * 1024;
    const throughId = slice.throughId ?? Number.MAX_SAFE_INTEGER;
    const fileSlice = this.db.transaction(() => {
      const sizes = this.stmts.sizes.all(throughId, maxRows) as Array<{ id: number; size: number }>;
      if (sizes.length === 0) return [];
      let last = sizes[0]!.id;
      let bytes = 0;
      for (const { id, size } of sizes) {
        if (id !== sizes[0]!.id && bytes + size > maxBytes) break;
        bytes += size;
        last = id;
      }
      const filed = (this.stmts.rows.all(last) as LogRow[]).map((row) => {
        this.deliveries.insertWithId(row.id, build(fromLogRow(row)));
        return row.id;
      });
      this.stmts.remove.run(last);
      return filed;
    });
    if (slice.lockWaitMs === undefined) return fileSlice.immediate();
    const waited = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(slice.lockWaitMs))}`);
    try {
      return fileSlice.immediate();
    } finally {
      this.db.pragma(`busy_timeout = ${waited}`);
    }
  }
}

/** INSERT's parameters after the id, in its column order. */
function logRow(c: RawCapture): unknown[] {
  return [
    c.receivedAtMs,
    c.method,
    c.path,
    c.query,
    c.httpVersion,
    c.truncated ? 1 : 0,
    c.incomplete,
    c.remoteAddress,
    c.remotePort,
    c.durationMs,
    c.endpointId,
    c.endpointPath,
    c.responseStatus,
    JSON.stringify(c.rawHeaders), // Node's flat list as it is: pairing them up is filing's work
    c.body,
    c.responseId ?? null,
  ];
}

function fromLogRow(row: LogRow): LoggedCapture {
  return {
    receivedAtMs: row.received_at,
    method: row.method,
    path: row.path,
    query: row.query,
    httpVersion: row.http_version,
    headers: fromRawHeaders(JSON.parse(row.headers) as string[]),
    body: row.body,
    truncated: row.truncated === 1,
    incomplete: row.incomplete,
    remoteAddress: row.remote_address,
    remotePort: row.remote_port,
    durationMs: row.duration_ms,
    endpointId: row.endpoint_id,
    endpointPath: row.endpoint_path,
    responseStatus: row.response_status,
    responseId: row.response_id,
  };
}

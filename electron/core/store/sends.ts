// Mock sends and their attempts. Durability rule: a send's schedule lives here, not in memory: every
// finished attempt and the offset of the next one are committed together, so after a crash or a
// restart `serve` rebuilds each batch's clock from the stored origin and plays on; an attempt that
// fell due while nothing ran is due at once. An attempt in flight when the process dies is not
// recorded and is sent again on resume (at-least-once, as providers themselves behave).
//
// Ownership: one process plays a batch at a time. The player holds a lease (owner + expiry) that it
// renews while it runs and releases when it stops cleanly; another process takes over a batch only
// when its lease has expired, its owner released it, or its owner's process is gone. An expired lease
// does not mean its owner is dead (a laptop slept, an event loop stalled), so the owner checks that it
// still holds a run before each attempt and before recording it, and stops once it lost the batch.
// Lease changes read then write: they run in IMMEDIATE transactions, so two processes racing for a
// batch queue on the write lock (busy_timeout) instead of failing at once with SQLITE_BUSY_SNAPSHOT.
import type { HeaderField } from '../../../shared/domain.js';
import type { ProviderSpec } from '../../../shared/providers/spec.js';
import { SEND_STATUSES, type SendAttempt, type SendAttemptDetail, type SendBatchSummary, type SendDetail, type SendRun, type SendStatus } from '../../../shared/api/sender.js';
import type { ClockSpec, SendPlan } from '../../../shared/retry/send-plan.js';
import { isSealed, type SecretBox } from '../secrets/secret-box.js';
import type { Db } from './connection.js';

export interface NewSendRun {
  seq: number;
  provider: string;
  event: string;
  target: string;
  secret: string | null;
  body: Buffer;
  /** Index in the batch's `runs` of the run this one duplicates. */
  duplicateOfIndex: number | null;
  /** Position of its event in the order the events occurred, before any shuffle (see planBatch). */
  occurredSeq: number;
}

export interface NewBatch {
  createdAtMs: number;
  originWallMs: number;
  clock: ClockSpec;
  plan: SendPlan;
  spec: ProviderSpec;
  allowHosts: string[];
  runs: NewSendRun[];
}

/** Everything a player needs to play one run. */
export interface PlayableRun {
  id: number;
  batchId: number;
  seq: number;
  event: string;
  target: string;
  secret: string | null;
  body: Buffer;
  status: SendStatus;
  nextOffsetMs: number | null;
  attemptsMade: number;
  lastOffsetMs: number | null;
}

export interface PlayableBatch {
  batchId: number;
  clock: ClockSpec;
  originWallMs: number;
  plan: SendPlan;
  spec: ProviderSpec;
  allowHosts: string[];
  runs: PlayableRun[];
}

export interface NewAttempt {
  n: number;
  offsetMs: number;
  sentAtMs: number;
  status: number | null;
  durationMs: number;
  error: string | null;
  errorMessage: string | null;
  requestHeaders: HeaderField[];
  response: { headers: HeaderField[]; body: Buffer; truncated: boolean } | null;
}

export interface LeaseHolder {
  owner: string;
  leaseUntil: number | null;
}

/** What renewing a batch's lease found: still ours, taken over by another owner, or nothing left to hold. */
export type LeaseRenewal = 'renewed' | 'taken' | 'ended';

interface SendRow {
  id: number;
  batch_id: number;
  seq: number;
  /** Null for runs stored before it was recorded (schema 6). */
  occurred_seq: number | null;
  created_at: number;
  provider: string;
  event: string;
  target: string;
  status: SendStatus;
  clock: ClockSpec['kind'];
  time_scale: number;
  origin_at: number;
  next_offset_ms: number | null;
  duplicate_of: number | null;
  ended_at: number | null;
  secret: string | null;
  allow_hosts: string;
  plan: string;
  spec: string;
  body: Buffer;
}

interface AttemptRow {
  send_id: number;
  n: number;
  offset_ms: number;
  sent_at: number;
  status: number | null;
  duration_ms: number;
  error: string | null;
  error_message: string | null;
  request_headers: string;
  response_headers: string | null;
  response_truncated: number;
  response_body: Buffer | null;
}

/** Ids per `IN (…)` query: far below SQLite's limit on bound parameters (32,766, or 999 in old builds). */
const IDS_PER_QUERY = 500;

const SUMMARY_COLUMNS = 'id, batch_id, seq, occurred_seq, created_at, provider, event, target, status, clock, time_scale, origin_at, next_offset_ms, duplicate_of, ended_at';

export class SendRepo {
  /** With a box, a run's signing secret is stored sealed (issue 15: no secret sits in the file as plain text). */
  constructor(
    private readonly db: Db,
    private readonly box?: SecretBox,
  ) {}

  /** Inserts a batch's runs in one transaction, owned by `holder`; the batch id is its first run's id. */
  createBatch(batch: NewBatch, holder: LeaseHolder): { batchId: number; ids: number[] } {
    const insert = this.db.prepare(`INSERT INTO sends (batch_id, seq, occurred_seq, created_at, provider, event, target, status, clock,
      time_scale, origin_at, next_offset_ms, duplicate_of, owner, lease_until, secret, allow_hosts, plan, spec, body)
      VALUES (@batchId, @seq, @occurredSeq, @createdAt, @provider, @event, @target, 'scheduled', @clock, @scale, @origin, 0, NULL, @owner,
      @leaseUntil, @secret, @allowHosts, @plan, @spec, @body)`);
    const sealed = new Map<string, string>(); // a batch's runs share their secret: sealed once
    const seal = (secret: string | null) => {
      if (secret === null || !this.box) return secret;
      if (!sealed.has(secret)) sealed.set(secret, this.box.seal(secret));
      return sealed.get(secret)!;
    };
    return this.db.transaction(() => {
      const ids: number[] = [];
      let batchId = 0;
      for (const run of batch.runs) {
        const info = insert.run({
          batchId,
          seq: run.seq,
          occurredSeq: run.occurredSeq,
          createdAt: batch.createdAtMs,
          provider: run.provider,
          event: run.event,
          target: run.target,
          clock: batch.clock.kind,
          scale: batch.clock.kind === 'scaled' ? batch.clock.scale ?? 1 : 1,
          origin: batch.originWallMs,
          owner: holder.owner,
          leaseUntil: holder.leaseUntil,
          secret: seal(run.secret),
          allowHosts: JSON.stringify(batch.allowHosts),
          plan: JSON.stringify(batch.plan),
          spec: JSON.stringify({ ...batch.spec, events: [] }),
          body: run.body,
        });
        ids.push(Number(info.lastInsertRowid));
        if (batchId === 0) {
          batchId = ids[0]!;
          this.db.prepare('UPDATE sends SET batch_id = ? WHERE id = ?').run(batchId, batchId);
        }
      }
      const markDuplicate = this.db.prepare('UPDATE sends SET duplicate_of = ? WHERE id = ?');
      batch.runs.forEach((run, i) => {
        if (run.duplicateOfIndex !== null) markDuplicate.run(ids[run.duplicateOfIndex]!, ids[i]!);
      });
      return { batchId, ids };
    })();
  }

  /**
   * Stores a run that already ended with its one attempt (the handler check's requests: each is sent
   * once and judged, never retried), in the batch `batchId` or, when null, a new batch named after it.
   * Never scheduled, so no scheduler ever takes it over. `duplicateOf` is the id of the run it repeats.
   * Returns its id and its batch's.
   */
  recordEnded(
    batchId: number | null,
    meta: Omit<NewBatch, 'runs'>,
    run: Omit<NewSendRun, 'duplicateOfIndex'> & { duplicateOf: number | null },
    attempt: NewAttempt,
    status: Exclude<SendStatus, 'scheduled'>,
  ): { id: number; batchId: number } {
    return this.db.transaction(() => {
      const info = this.db
        .prepare(`INSERT INTO sends (batch_id, seq, occurred_seq, created_at, provider, event, target, status, clock, time_scale, origin_at,
          next_offset_ms, duplicate_of, ended_at, secret, allow_hosts, plan, spec, body)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'real', 1, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`)
        .run(batchId ?? 0, run.seq, run.occurredSeq, meta.createdAtMs, run.provider, run.event, run.target, status, meta.originWallMs,
          run.duplicateOf, attempt.sentAtMs + Math.round(attempt.durationMs), run.secret, JSON.stringify(meta.allowHosts),
          JSON.stringify(meta.plan), JSON.stringify({ ...meta.spec, events: [] }), run.body);
      const id = Number(info.lastInsertRowid);
      const batch = batchId ?? id;
      if (batchId === null) this.db.prepare('UPDATE sends SET batch_id = ? WHERE id = ?').run(batch, id);
      this.insertAttempt(id, attempt);
      return { id, batchId: batch };
    })();
  }

  playable(batchId: number): PlayableBatch | undefined {
    const rows = this.db.prepare('SELECT * FROM sends WHERE batch_id = ? ORDER BY seq, id').all(batchId) as SendRow[];
    const first = rows[0];
    if (!first) return undefined;
    const counts = new Map(
      (this.db
        .prepare(`SELECT send_id, COUNT(*) AS made, MAX(offset_ms) AS last FROM send_attempts
          WHERE send_id IN (SELECT id FROM sends WHERE batch_id = ?) GROUP BY send_id`)
        .all(batchId) as Array<{ send_id: number; made: number; last: number }>).map((r) => [r.send_id, r]),
    );
    return {
      batchId,
      clock: clockOf(first),
      originWallMs: first.origin_at,
      plan: JSON.parse(first.plan) as SendPlan,
      spec: JSON.parse(first.spec) as ProviderSpec,
      allowHosts: JSON.parse(first.allow_hosts) as string[],
      runs: rows.map((r) => ({
        id: r.id,
        batchId: r.batch_id,
        seq: r.seq,
        event: r.event,
        target: r.target,
        secret: r.secret === null || !this.box ? r.secret : this.box.open(r.secret), // unreadable (moved database): sent unsigned
        body: r.body,
        status: r.status,
        nextOffsetMs: r.next_offset_ms,
        attemptsMade: counts.get(r.id)?.made ?? 0,
        lastOffsetMs: counts.get(r.id)?.last ?? null,
      })),
    };
  }

  /**
   * Before an attempt: the run's status if `holder` still owns it; null once another process took the
   * batch over (the attempt must not be sent). A lease that expired while its owner stalled is renewed
   * here, so nobody takes the batch over while this attempt is in flight. (Only then: renewing a whole
   * batch before every attempt would cost as much as its runs.)
   */
  holdRun(runId: number, holder: LeaseHolder, nowMs: number): SendStatus | null {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT batch_id, status, lease_until FROM sends WHERE id = ? AND owner = ?').get(runId, holder.owner) as
        | { batch_id: number; status: SendStatus; lease_until: number | null }
        | undefined;
      if (!row) return null;
      if (row.status === 'scheduled' && (row.lease_until ?? 0) <= nowMs) this.extendLease(row.batch_id, holder);
      return row.status;
    }).immediate();
  }

  /**
   * Records a finished attempt and what follows it, in one transaction, if `owner` still owns the run;
   * returns null (nothing recorded) when another process took it over meanwhile: that one sends the
   * attempt again. The status moves only while the run is still scheduled (a stop from another process
   * wins). Returns the run's status after.
   */
  recordAttempt(
    runId: number,
    owner: string,
    attempt: NewAttempt,
    next: { status: SendStatus; nextOffsetMs: number | null; atMs: number },
  ): SendStatus | null {
    return this.db.transaction(() => {
      if (!this.db.prepare('SELECT 1 FROM sends WHERE id = ? AND owner = ?').get(runId, owner)) return null;
      this.insertAttempt(runId, attempt);
      this.db
        .prepare(`UPDATE sends SET status = ?, next_offset_ms = ?, ended_at = ? WHERE id = ? AND status = 'scheduled'`)
        .run(next.status, next.nextOffsetMs === null ? null : Math.round(next.nextOffsetMs), next.status === 'scheduled' ? null : next.atMs, runId);
      return this.statusOf(runId)!;
    }).immediate();
  }

  private insertAttempt(runId: number, attempt: NewAttempt): void {
    this.db
      .prepare(`INSERT INTO send_attempts (send_id, n, offset_ms, sent_at, status, duration_ms, error, error_message, request_headers,
        response_headers, response_truncated, response_body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        runId,
        attempt.n,
        Math.round(attempt.offsetMs),
        attempt.sentAtMs,
        attempt.status,
        attempt.durationMs,
        attempt.error,
        attempt.errorMessage,
        JSON.stringify(attempt.requestHeaders.map((h) => [h.name, h.value])),
        attempt.response ? JSON.stringify(attempt.response.headers.map((h) => [h.name, h.value])) : null,
        attempt.response?.truncated ? 1 : 0,
        attempt.response?.body ?? null,
      );
  }

  /** Ends scheduled runs with `status`; returns the ids that changed. */
  endRuns(ids: readonly number[], status: Exclude<SendStatus, 'scheduled'>, atMs: number): number[] {
    const update = this.db.prepare(`UPDATE sends SET status = ?, next_offset_ms = NULL, ended_at = ? WHERE id = ? AND status = 'scheduled'`);
    return this.db.transaction(() => ids.filter((id) => update.run(status, atMs, id).changes > 0))();
  }

  statusOf(runId: number): SendStatus | undefined {
    return (this.db.prepare('SELECT status FROM sends WHERE id = ?').get(runId) as { status: SendStatus } | undefined)?.status;
  }

  statuses(batchId: number): Map<number, SendStatus> {
    const rows = this.db.prepare('SELECT id, status FROM sends WHERE batch_id = ?').all(batchId) as Array<{ id: number; status: SendStatus }>;
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  runIds(sel: { id: number } | { batchId: number }): number[] {
    const rows = ('id' in sel
      ? this.db.prepare('SELECT id FROM sends WHERE id = ?').all(sel.id)
      : this.db.prepare('SELECT id FROM sends WHERE batch_id = ? ORDER BY seq').all(sel.batchId)) as Array<{ id: number }>;
    return rows.map((r) => r.id);
  }

  batchOf(runId: number): number | undefined {
    return (this.db.prepare('SELECT batch_id FROM sends WHERE id = ?').get(runId) as { batch_id: number } | undefined)?.batch_id;
  }

  /** Lease holders of every batch that still has scheduled runs. */
  scheduledBatches(): Array<{ batchId: number; holders: Array<{ owner: string | null; leaseUntil: number | null }> }> {
    const rows = this.db
      .prepare(`SELECT batch_id, owner, MIN(lease_until) AS lease_until FROM sends WHERE status = 'scheduled' GROUP BY batch_id, owner ORDER BY batch_id`)
      .all() as Array<{ batch_id: number; owner: string | null; lease_until: number | null }>;
    const byBatch = new Map<number, Array<{ owner: string | null; leaseUntil: number | null }>>();
    for (const r of rows) {
      const list = byBatch.get(r.batch_id) ?? [];
      list.push({ owner: r.owner, leaseUntil: r.lease_until });
      byBatch.set(r.batch_id, list);
    }
    return [...byBatch].map(([batchId, holders]) => ({ batchId, holders }));
  }

  /** Takes a batch over when every scheduled run of it is held by one of `from` (or nobody). */
  claimBatch(batchId: number, holder: LeaseHolder, from: ReadonlyArray<string | null>): boolean {
    return this.db.transaction(() => {
      const owners = this.db.prepare(`SELECT DISTINCT owner FROM sends WHERE batch_id = ? AND status = 'scheduled'`).all(batchId) as Array<{ owner: string | null }>;
      if (owners.length === 0 || !owners.every((o) => from.includes(o.owner))) return false;
      this.db.prepare(`UPDATE sends SET owner = ?, lease_until = ? WHERE batch_id = ? AND status = 'scheduled'`).run(holder.owner, holder.leaseUntil, batchId);
      return true;
    }).immediate();
  }

  /** Extends `holder`'s lease on a batch, if it still holds it (see LeaseRenewal). */
  renewLease(batchId: number, holder: LeaseHolder): LeaseRenewal {
    return this.db.transaction((): LeaseRenewal => {
      if (this.extendLease(batchId, holder)) return 'renewed';
      const waiting = this.db.prepare(`SELECT 1 FROM sends WHERE batch_id = ? AND status = 'scheduled' LIMIT 1`).get(batchId);
      return waiting ? 'taken' : 'ended';
    }).immediate();
  }

  private extendLease(batchId: number, holder: LeaseHolder): boolean {
    return (
      this.db
        .prepare(`UPDATE sends SET lease_until = ? WHERE batch_id = ? AND owner = ? AND status = 'scheduled'`)
        .run(holder.leaseUntil, batchId, holder.owner).changes > 0
    );
  }

  releaseLeases(owner: string, batchId?: number): void {
    if (batchId === undefined) this.db.prepare('UPDATE sends SET owner = NULL, lease_until = NULL WHERE owner = ?').run(owner);
    else this.db.prepare('UPDATE sends SET owner = NULL, lease_until = NULL WHERE owner = ? AND batch_id = ?').run(owner, batchId);
  }

  list(q: { limit?: number; beforeId?: number; batchId?: number } = {}): SendRun[] {
    const where: string[] = [];
    const params: number[] = [];
    if (q.beforeId !== undefined) {
      where.push('id < ?');
      params.push(q.beforeId);
    }
    if (q.batchId !== undefined) {
      where.push('batch_id = ?');
      params.push(q.batchId);
    }
    const order = q.batchId !== undefined ? 'seq, id' : 'id DESC';
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM sends ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`)
      .all(...params, q.limit ?? 50) as SendRow[];
    const attempts = this.attemptsOf(rows.map((r) => r.id));
    return rows.map((r) => toRun(r, (attempts.get(r.id) ?? []).map(toAttempt)));
  }

  /** A page of one batch's runs with the whole batch's totals, read in one transaction so they agree. */
  listBatch(q: { limit?: number; beforeId?: number; batchId: number }): { items: SendRun[]; batch: SendBatchSummary | undefined } {
    return this.db.transaction(() => ({ items: this.list(q), batch: this.batchSummary(q.batchId) }))();
  }

  /**
   * A whole batch's totals, however many runs it has (a page of `list` shows at most 1000), read in
   * one statement so they agree with each other; undefined for an unknown batch.
   */
  batchSummary(batchId: number): SendBatchSummary | undefined {
    const rows = this.db
      .prepare('SELECT status, COUNT(*) AS n, COUNT(duplicate_of) AS duplicates FROM sends WHERE batch_id = ? GROUP BY status')
      .all(batchId) as Array<{ status: SendStatus; n: number; duplicates: number }>;
    if (rows.length === 0) return undefined;
    const counts = Object.fromEntries(SEND_STATUSES.map((status) => [status, 0])) as Record<SendStatus, number>;
    for (const r of rows) counts[r.status] = r.n;
    return {
      batchId,
      total: rows.reduce((sum, r) => sum + r.n, 0),
      duplicates: rows.reduce((sum, r) => sum + r.duplicates, 0),
      counts,
    };
  }

  get(id: number): SendDetail | undefined {
    const row = this.db.prepare('SELECT * FROM sends WHERE id = ?').get(id) as SendRow | undefined;
    if (!row) return undefined;
    const plan = JSON.parse(row.plan) as SendPlan;
    const bodyBase64 = row.body.toString('base64');
    const attempts = (this.attemptsOf([id]).get(id) ?? []).map((a) => toAttemptDetail(a, bodyBase64));
    return {
      ...toRun(row, attempts),
      timeoutMs: plan.timeoutMs,
      success: plan.success,
      maxAttempts: plan.maxAttempts,
      inOrder: plan.inOrder,
      bodyBase64,
      attempts,
    };
  }

  private attemptsOf(ids: number[]): Map<number, AttemptRow[]> {
    const out = new Map<number, AttemptRow[]>();
    // Chunked: a whole batch can hold more runs than SQLite takes bound parameters.
    for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
      const chunk = ids.slice(start, start + IDS_PER_QUERY);
      const rows = this.db
        .prepare(`SELECT * FROM send_attempts WHERE send_id IN (${chunk.map(() => '?').join(',')}) ORDER BY send_id, n`)
        .all(...chunk) as AttemptRow[];
      for (const r of rows) {
        const list = out.get(r.send_id) ?? [];
        list.push(r);
        out.set(r.send_id, list);
      }
    }
    return out;
  }
}

function clockOf(row: Pick<SendRow, 'clock' | 'time_scale'>): ClockSpec {
  return row.clock === 'scaled' ? { kind: 'scaled', scale: row.time_scale } : { kind: row.clock };
}

function toRun<A>(r: SendRow, attempts: A[]): Omit<SendRun, 'attempts'> & { attempts: A[] } {
  const clock = clockOf(r);
  return {
    id: r.id,
    batchId: r.batch_id,
    seq: r.seq,
    occurredSeq: r.occurred_seq,
    provider: r.provider,
    event: r.event,
    target: r.target,
    status: r.status,
    clock: clock.kind === 'scaled' ? { kind: 'scaled', scale: clock.scale ?? 1 } : { kind: clock.kind },
    duplicateOf: r.duplicate_of,
    createdAt: new Date(r.created_at).toISOString(),
    endedAt: r.ended_at === null ? null : new Date(r.ended_at).toISOString(),
    nextOffsetMs: r.next_offset_ms,
    nextDueAt: r.next_offset_ms === null || r.clock === 'virtual' ? null : new Date(r.origin_at + r.next_offset_ms / r.time_scale).toISOString(),
    attempts,
  };
}

function toAttempt(a: AttemptRow): SendAttempt {
  return { n: a.n, offsetMs: a.offset_ms, status: a.status, durationMs: a.duration_ms, error: a.error };
}

function toAttemptDetail(a: AttemptRow, bodyBase64: string): SendAttemptDetail {
  return {
    ...toAttempt(a),
    sentAt: new Date(a.sent_at).toISOString(),
    errorMessage: a.error_message,
    // Providers resend the same payload on every attempt: the body is stored once, with the send.
    request: { headers: fields(a.request_headers), bodyBase64 },
    response:
      a.response_headers === null
        ? null
        : { headers: fields(a.response_headers), bodyBase64: (a.response_body ?? Buffer.alloc(0)).toString('base64'), bodyTruncated: a.response_truncated === 1 },
  };
}

function fields(json: string): HeaderField[] {
  return (JSON.parse(json) as Array<[string, string]>).map(([name, value]) => ({ name, value }));
}

/** Seals mock-send secrets stored as plain text (a database from before encryption: migration 8). */
export function sealPlainSendSecrets(db: Db, box: SecretBox): void {
  const rows = db.prepare('SELECT DISTINCT secret FROM sends WHERE secret IS NOT NULL').pluck().all() as string[];
  const update = db.prepare('UPDATE sends SET secret = ? WHERE secret = ?');
  for (const secret of rows) if (!isSealed(secret)) update.run(box.seal(secret), secret);
}

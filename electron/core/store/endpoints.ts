// Endpoints: path prefixes with a provider, secrets and the response to give. The receiver matches
// every request against them, so matching is served from a cache that is rebuilt only when the table
// changes: through this connection (a local generation counter) or another process, such as the CLI
// adding an endpoint while `serve` runs (SQLite's data_version). data_version is read once per turn
// of the event loop, however many requests that turn handles, through a prepared statement
// (db.pragma() prepares one on every call: a profile showed that at 6% of the receiver's time).
import { normalizePath, pathMatches } from '../../../shared/endpoint-path.js';
import type { Endpoint, HeaderField, ResponseSpec } from '../../../shared/domain.js';
import { isSealed, type SecretBox } from '../secrets/secret-box.js';
import type { ForwardRule } from '../../../shared/providers/event-type.js';
import type { Db } from './connection.js';

export interface EndpointInput {
  path: string;
  provider?: string | null;
  secret?: string | null;
  previousSecrets?: string[];
  response?: Partial<ResponseSpec>;
  forwardTo?: string | null;
  /** `smee:<channel URL>`: the endpoint also receives what that relay channel carries. */
  relay?: string | null;
  /** Forward by event type: the first matching rule's URL is used instead of forwardTo. */
  forwardRules?: ForwardRule[];
}

interface EndpointRow {
  id: number;
  path: string;
  provider: string | null;
  secret: string | null;
  previous_secrets: string;
  response_status: number;
  response_headers: string;
  response_body: string;
  response_delay_ms: number;
  forward_to: string | null;
  relay?: string | null;
  forward_rules?: string;
  created_at: number;
  response_id: number | null;
}

/**
 * The version of each endpoint's response settings (migration 8), kept beside the endpoint object
 * rather than in it: Endpoint is the API's shape, and this id is the store's business. The receiver
 * stores it with each capture.
 */
const responseIds = new WeakMap<Endpoint, number>();

/** The id of the response settings `endpoint` answers with (0, the default answer, for none). */
export function responseIdOf(endpoint: Endpoint | undefined): number | null {
  if (!endpoint) return DEFAULT_RESPONSE_ID;
  return responseIds.get(endpoint) ?? null;
}

/** response_id of a capture answered with DEFAULT_RESPONSE (no endpoint matched). */
export const DEFAULT_RESPONSE_ID = 0;

export const DEFAULT_RESPONSE: ResponseSpec = {
  status: 200,
  headers: [{ name: 'Content-Type', value: 'application/json' }],
  body: '{"ok":true}',
  delayMs: 0,
};

export class EndpointConflictError extends Error {}

export class EndpointRepo {
  private generation = 0;
  private cache: { version: number; generation: number; endpoints: Endpoint[]; byPath: Map<string, Endpoint> } | null = null;
  private dataVersion = 0;
  private versionCheckedThisTurn = false;
  private readonly listStmt;
  private readonly getStmt;
  private readonly dataVersionStmt;

  /** Secrets are sealed by `box` on the way in and opened on the way out (the cache holds them opened). */
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {
    this.listStmt = db.prepare('SELECT * FROM endpoints ORDER BY path');
    this.getStmt = db.prepare('SELECT * FROM endpoints WHERE id = ?');
    this.dataVersionStmt = db.prepare('PRAGMA data_version').pluck();
  }

  list(): Endpoint[] {
    return (this.listStmt.all() as EndpointRow[]).map((row) => toEndpoint(row, this.box));
  }

  get(id: number): Endpoint | undefined {
    const row = this.getStmt.get(id) as EndpointRow | undefined;
    return row ? toEndpoint(row, this.box) : undefined;
  }

  /** Served from the cache: the forwarder asks this for every capture. */
  byPath(path: string): Endpoint | undefined {
    const byPath = this.cached().byPath;
    return byPath.get(path) ?? byPath.get(normalizePath(path));
  }

  create(input: EndpointInput): Endpoint {
    const path = normalizePath(input.path);
    if (this.byPath(path)) throw new EndpointConflictError(`an endpoint with path ${path} already exists`);
    const response = { ...DEFAULT_RESPONSE, ...input.response };
    const info = this.db
      .prepare(`INSERT INTO endpoints (path, provider, secret, previous_secrets, response_status, response_headers,
        response_body, response_delay_ms, forward_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        path,
        input.provider ?? null,
        this.sealed(input.secret ?? null),
        JSON.stringify((input.previousSecrets ?? []).map((s) => this.box.seal(s))),
        response.status,
        JSON.stringify(response.headers),
        response.body,
        response.delayMs,
        input.forwardTo ?? null,
        Date.now(),
      );
    this.setRelay(Number(info.lastInsertRowid), input.relay);
    this.setForwardRules(Number(info.lastInsertRowid), input.forwardRules);
    this.generation++;
    return this.get(Number(info.lastInsertRowid))!;
  }

  update(id: number, patch: Partial<EndpointInput>): Endpoint | undefined {
    const current = this.get(id);
    if (!current) return undefined;
    const path = patch.path !== undefined ? normalizePath(patch.path) : current.path;
    const other = this.byPath(path);
    if (other && other.id !== id) throw new EndpointConflictError(`an endpoint with path ${path} already exists`);
    const response = { ...current.response, ...patch.response };
    this.db
      .prepare(`UPDATE endpoints SET path = ?, provider = ?, secret = ?, previous_secrets = ?, response_status = ?,
        response_headers = ?, response_body = ?, response_delay_ms = ?, forward_to = ? WHERE id = ?`)
      .run(
        path,
        patch.provider !== undefined ? patch.provider : current.provider,
        patch.secret !== undefined ? this.sealed(patch.secret) : this.storedSecretOf(id),
        patch.previousSecrets ? JSON.stringify(patch.previousSecrets.map((s) => this.box.seal(s))) : this.storedPreviousOf(id),
        response.status,
        JSON.stringify(response.headers),
        response.body,
        response.delayMs,
        patch.forwardTo !== undefined ? patch.forwardTo : current.forwardTo,
        id,
      );
    this.setRelay(id, patch.relay);
    this.setForwardRules(id, patch.forwardRules);
    this.generation++;
    return this.get(id);
  }

  private sealed(secret: string | null): string | null {
    return secret === null || secret === '' ? null : this.box.seal(secret);
  }

  /** Kept as stored, so an unreadable secret (moved database) survives edits to the rest of the endpoint. */
  private storedSecretOf(id: number): string | null {
    return (this.db.prepare('SELECT secret FROM endpoints WHERE id = ?').pluck().get(id) as string | null | undefined) ?? null;
  }

  private storedPreviousOf(id: number): string {
    return (this.db.prepare('SELECT previous_secrets FROM endpoints WHERE id = ?').pluck().get(id) as string | undefined) ?? '[]';
  }

  private setForwardRules(id: number, rules: ForwardRule[] | undefined): void {
    if (rules === undefined) return;
    this.db.prepare('UPDATE endpoints SET forward_rules = ? WHERE id = ?').run(JSON.stringify(rules), id);
  }

  /** Kept apart from the main INSERT/UPDATE so the relay (issue #21) stays one additive statement. */
  private setRelay(id: number, relay: string | null | undefined): void {
    if (relay === undefined) return;
    this.db.prepare('UPDATE endpoints SET relay = ? WHERE id = ?').run(relay, id);
  }

  delete(id: number): boolean {
    const changes = this.db.prepare('DELETE FROM endpoints WHERE id = ?').run(id).changes;
    this.generation++;
    return changes > 0;
  }

  /** The endpoint whose path is the longest prefix of `path` on a segment boundary. */
  match(path: string): Endpoint | undefined {
    let best: Endpoint | undefined;
    for (const endpoint of this.cached().endpoints) {
      if (!pathMatches(endpoint.path, path)) continue;
      if (!best || endpoint.path.length > best.path.length) best = endpoint;
    }
    return best;
  }

  private cached() {
    if (!this.versionCheckedThisTurn) {
      this.versionCheckedThisTurn = true;
      this.dataVersion = this.dataVersionStmt.get() as number;
      setImmediate(() => (this.versionCheckedThisTurn = false));
    }
    const version = this.dataVersion;
    if (this.cache?.version !== version || this.cache.generation !== this.generation) {
      const endpoints = this.list();
      this.cache = { version, generation: this.generation, endpoints, byPath: new Map(endpoints.map((e) => [e.path, e])) };
    }
    return this.cache;
  }
}

export { normalizePath, pathMatches } from '../../../shared/endpoint-path.js';

/** An endpoint with its secrets opened; one this box cannot open is left out and flagged. */
function toEndpoint(row: EndpointRow, box: SecretBox): Endpoint {
  const secret = row.secret === null ? null : box.open(row.secret);
  const previous = (JSON.parse(row.previous_secrets) as string[]).map((s) => box.open(s));
  const unreadable = (row.secret !== null && secret === null) || previous.includes(null);
  const endpoint: Endpoint = {
    id: row.id,
    path: row.path,
    provider: row.provider,
    secret,
    previousSecrets: previous.filter((s): s is string => s !== null),
    ...(unreadable ? { secretsUnreadable: true } : {}),
    response: {
      status: row.response_status,
      headers: JSON.parse(row.response_headers) as HeaderField[],
      body: row.response_body,
      delayMs: row.response_delay_ms,
    },
    forwardTo: row.forward_to,
    relay: row.relay ?? null,
    forwardRules: JSON.parse(row.forward_rules ?? '[]') as ForwardRule[],
    createdAt: new Date(row.created_at).toISOString(),
  };
  if (row.response_id !== null) responseIds.set(endpoint, row.response_id);
  return endpoint;
}

/** Seals the endpoint secrets still stored as plain text (a database from before encryption: migration 8). */
export function sealPlainSecrets(db: Db, box: SecretBox): number {
  const rows = db.prepare('SELECT id, secret, previous_secrets FROM endpoints').all() as Pick<EndpointRow, 'id' | 'secret' | 'previous_secrets'>[];
  const update = db.prepare('UPDATE endpoints SET secret = ?, previous_secrets = ? WHERE id = ?');
  const seal = (s: string) => (isSealed(s) ? s : box.seal(s));
  let sealed = 0;
  for (const row of rows) {
    const previous = JSON.parse(row.previous_secrets) as string[];
    if ((row.secret === null || isSealed(row.secret)) && previous.every(isSealed)) continue;
    update.run(row.secret === null || row.secret === '' ? null : seal(row.secret), JSON.stringify(previous.map(seal)), row.id);
    sealed++;
  }
  return sealed;
}

// Newest-first pages of deliveries with filters and text search. Every query walks an index in id
// order and stops at the page size, so a page costs the same at 1M deliveries as at 100. A search
// with an index (store/search.ts) merges three sources, each already newest-first: the deliveries of
// index blocks whose trigrams match, rows not indexed yet (past the high-water mark), and bodies left
// out of the index; each candidate is re-checked with LIKE, so results are exactly those of a LIKE scan.
import type { VerificationStatus } from '../../../shared/domain.js';
import type { Db } from './connection.js';
import { SEARCH_BLOCK, blockOf, trigramQuery, type SearchIndex } from './search.js';

export interface DeliveryQuery {
  limit?: number;
  /** Page backwards: only deliveries with an id below this one. */
  beforeId?: number;
  /** Only deliveries with an id above this one (catching up after a reconnect). */
  afterId?: number;
  endpoint?: string;
  /** Exactly this path (without the query). */
  path?: string;
  provider?: string;
  verdict?: VerificationStatus;
  method?: string;
  /** Case-insensitive (ASCII) substring search over path, query, headers and body. */
  q?: string;
}

export const MAX_PAGE = 1000;

export const SUMMARY_COLUMNS = `id, received_at, method, path, query, endpoint_path, provider, body_size, truncated,
  incomplete, content_type, response_status, event, verification`;

const D_COLUMNS = SUMMARY_COLUMNS.split(',').map((c) => `d.${c.trim()}`).join(', ');

interface Clause {
  sql: string[];
  params: unknown[];
}

export function listRows<Row extends { id: number }>(db: Db, search: SearchIndex, query: DeliveryQuery): Row[] {
  const limit = Math.min(Math.max(query.limit ?? 100, 1), MAX_PAGE);
  const filters = filterClause(query);
  if (!query.q) return select<Row>(db, filters, limit);
  const like = likeClause(query.q);
  const match = search.available ? trigramQuery(query.q) : null;
  // Too short for a trigram (or no index): scan newest-first; a short needle is common, so the scan
  // usually fills the page early.
  if (!match) return select<Row>(db, merge(filters, like), limit);

  const through = search.indexedThrough();
  const tail = select<Row>(db, merge(filters, like, { sql: ['d.id > ?'], params: [through] }), limit);
  const large = select<Row>(db, merge(filters, like, { sql: ['d.id IN (SELECT id FROM search_unindexed)'], params: [] }), limit);
  const ranged = merge(filters, like);
  // The page bounds again on the index's rowid (a block of SEARCH_BLOCK ids), so it skips straight to them.
  const rowidRange = clause([
    ['s.rowid <= ?', query.beforeId === undefined ? undefined : blockOf(query.beforeId - 1)],
    ['s.rowid >= ?', query.afterId === undefined ? undefined : blockOf(query.afterId + 1)],
  ]);
  const where = merge({ sql: ['s.deliveries_search MATCH ?'], params: [match] }, rowidRange, ranged);
  // CROSS JOIN keeps the index outermost, read newest block first, so the page is complete after a
  // few blocks. SQLite reads a block's deliveries oldest first (ordering them too would sort every
  // match), so the page's last block is read whole, then sorted with the rest below.
  const indexed: Row[] = [];
  const candidates = db
    .prepare(`SELECT ${D_COLUMNS} FROM deliveries_search s CROSS JOIN deliveries d
      ON d.id > s.rowid * ${SEARCH_BLOCK} AND d.id <= s.rowid * ${SEARCH_BLOCK} + ${SEARCH_BLOCK}
      WHERE ${where.sql.join(' AND ')} ORDER BY s.rowid DESC`)
    .iterate(...where.params) as IterableIterator<Row>;
  for (const row of candidates) {
    if (indexed.length >= limit && blockOf(row.id) !== blockOf(indexed.at(-1)!.id)) break; // ends the statement
    indexed.push(row);
  }

  const seen = new Set<number>();
  return [...tail, ...large, ...indexed]
    .sort((a, b) => b.id - a.id)
    .filter((row) => !seen.has(row.id) && seen.add(row.id))
    .slice(0, limit);
}

function select<Row>(db: Db, where: Clause, limit: number): Row[] {
  const sql = `SELECT ${D_COLUMNS} FROM deliveries d ${where.sql.length ? `WHERE ${where.sql.join(' AND ')}` : ''}
    ORDER BY d.id DESC LIMIT ${limit}`;
  return db.prepare(sql).all(...where.params) as Row[];
}

function filterClause(query: DeliveryQuery): Clause {
  return clause([
    ['d.id < ?', query.beforeId],
    ['d.id > ?', query.afterId],
    ['d.endpoint_path = ?', query.endpoint],
    ['d.path = ?', query.path],
    ['d.provider = ?', query.provider],
    ['d.verdict = ?', query.verdict],
    ['d.method = ?', query.method?.toUpperCase()],
  ]);
}

/** The conditions whose parameter is given. */
function clause(conditions: Array<[string, unknown]>): Clause {
  const given = conditions.filter(([, param]) => param !== undefined);
  return { sql: given.map(([sql]) => sql), params: given.map(([, param]) => param) };
}

function likeClause(q: string): Clause {
  const like = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return {
    sql: [`(d.path LIKE ? ESCAPE '\\' OR d.query LIKE ? ESCAPE '\\' OR d.headers LIKE ? ESCAPE '\\' OR CAST(d.body AS TEXT) LIKE ? ESCAPE '\\')`],
    params: [like, like, like, like],
  };
}

function merge(...clauses: Clause[]): Clause {
  return { sql: clauses.flatMap((c) => c.sql), params: clauses.flatMap((c) => c.params) };
}

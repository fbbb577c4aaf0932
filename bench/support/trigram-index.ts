// The search index as it was before issue #17's blocks (migrations 5 and 16, store/search.ts until
// then): FTS5's trigram tokenizer over each delivery's path, query, headers and body, one row per
// delivery. Kept here only so bench:search-index can measure it side by side with today's index on
// the same machine in the same run; the product no longer has it.
import type { Db } from '../../electron/core/index.js';

const MAX_INDEXED_BODY = 256 * 1024;
const TEXT_BODY = `(instr(body, X'00') = 0 AND headers NOT LIKE '%"content-encoding"%')`;
const MAX_TERMS = 24;

export interface OldTrigramIndex {
  indexNext(maxRows: number): number;
  /** Newest-first ids of indexed deliveries containing the needle (the index part of a search). */
  search(needle: string, limit: number): number[];
}

/** Replaces a freshly migrated database's index with the old one (merge settings as given). */
export function oldTrigramIndex(db: Db, merge: { automerge: number; crisismerge: number }): OldTrigramIndex {
  db.exec(`DROP TABLE deliveries_search;
    CREATE VIRTUAL TABLE deliveries_search USING fts5(doc, tokenize = 'trigram', content = '', contentless_delete = 1, detail = none);
    INSERT INTO deliveries_search (deliveries_search, rank) VALUES ('automerge', ${merge.automerge});
    INSERT INTO deliveries_search (deliveries_search, rank) VALUES ('crisismerge', ${merge.crisismerge});`);
  const through = db.prepare('SELECT indexed_through FROM search_state').pluck();
  const next = db.prepare('SELECT id, body_size FROM deliveries WHERE id > ? ORDER BY id LIMIT ?');
  const index = db.prepare(`INSERT INTO deliveries_search (rowid, doc)
    SELECT id, path || char(10) || query || char(10) || headers || char(10) || iif(${TEXT_BODY}, CAST(body AS TEXT), '')
    FROM deliveries WHERE id > ? AND id <= ? AND body_size <= ${MAX_INDEXED_BODY}`);
  const unindexed = db.prepare(`INSERT OR IGNORE INTO search_unindexed (id)
    SELECT id FROM deliveries WHERE id > ? AND id <= ? AND (body_size > ${MAX_INDEXED_BODY} OR NOT ${TEXT_BODY})`);
  const advance = db.prepare('UPDATE search_state SET indexed_through = ?');
  const maxBytes = 128 * 1024;
  return {
    indexNext: (maxRows) =>
      db
        .transaction(() => {
          const from = through.get() as number;
          const rows = next.all(from, maxRows) as Array<{ id: number; body_size: number }>;
          if (rows.length === 0) return 0;
          let to = from;
          let bytes = 0;
          let count = 0;
          for (const row of rows) {
            if (count > 0 && row.body_size <= MAX_INDEXED_BODY && bytes + row.body_size > maxBytes) break;
            if (row.body_size <= MAX_INDEXED_BODY) bytes += row.body_size;
            to = row.id;
            count++;
          }
          index.run(from, to);
          unindexed.run(from, to);
          advance.run(to);
          return count;
        })
        .immediate(),
    search: (needle, limit) => {
      const like = `%${needle.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      return db
        .prepare(`SELECT d.id FROM deliveries_search s CROSS JOIN deliveries d ON d.id = s.rowid WHERE s.deliveries_search MATCH ?
          AND (d.path LIKE ? ESCAPE '\\' OR d.query LIKE ? ESCAPE '\\' OR d.headers LIKE ? ESCAPE '\\' OR CAST(d.body AS TEXT) LIKE ? ESCAPE '\\')
          ORDER BY s.rowid DESC LIMIT ${limit}`)
        .pluck()
        .all(oldTrigramQuery(needle), like, like, like, like) as number[];
    },
  };
}

function oldTrigramQuery(needle: string): string {
  const chars = [...needle];
  const starts: number[] = [];
  for (let i = 0; i + 3 <= chars.length; i += 3) starts.push(i);
  if (starts.at(-1) !== chars.length - 3) starts.push(chars.length - 3);
  const step = (starts.length - 1) / (MAX_TERMS - 1);
  const picked = starts.length > MAX_TERMS ? Array.from({ length: MAX_TERMS }, (_, i) => starts[Math.round(i * step)]!) : starts;
  return [...new Set(picked.map((i) => chars.slice(i, i + 3).join('')))].map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
}

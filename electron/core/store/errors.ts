// Store failures as values with codes, with messages a user can act on (disk full, read-only file).
import fs from 'node:fs';

export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'db-open' | 'db-newer' | 'db-readonly' | 'db-full' | 'db-io' | 'db-corrupt',
  ) {
    super(message);
  }
}

/** Turns SQLite's error codes into messages a user can act on. */
export function asStoreError(err: unknown, file = 'the database'): Error {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: string }).code ?? '';
  const message = (err as Error).message ?? String(err);
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError(`${file} is not a Hookscope database or is damaged (${message}): restore a backup or use another --db`, 'db-corrupt');
  }
  if (code.startsWith('SQLITE_READONLY')) return new StoreError(`${file} is read-only: ${message}`, 'db-readonly');
  if (code === 'SQLITE_FULL') return new StoreError(`the disk holding ${file} is full: ${message}`, 'db-full');
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') return new StoreError(`cannot write ${file}: ${message}`, 'db-io');
  return err instanceof Error ? err : new Error(message);
}

/** Why a database cannot be written, naming its owner and mode when the file is another account's. */
export function readOnlyDatabaseError(err: unknown, file: string): Error {
  const stored = asStoreError(err, file);
  if (!(stored instanceof StoreError) || stored.code !== 'db-readonly') return stored;
  let owner = '';
  try {
    const st = fs.statSync(file);
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) owner = ` (it belongs to uid ${st.uid}, mode 0${(st.mode & 0o777).toString(8)})`;
  } catch {
    // the message without the owner
  }
  return new StoreError(`cannot capture into ${file}: this account cannot write it${owner}: fix its permissions or its folder's, or use another --db`, 'db-readonly');
}

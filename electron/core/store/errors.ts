// Store failures as values with codes, with messages a user can act on (disk full, read-only file).

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

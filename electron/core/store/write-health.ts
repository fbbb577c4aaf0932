// Whether the database can be written right now (issue #15). A database that stops taking writes
// while serve runs (SQLite refuses with SQLITE_READONLY or an I/O error: a file system remounted
// read-only, a connection made query-only; a full disk has its own handling) used to turn every webhook into a
// 503 without a word beyond the refusals, and nothing told the status bar. Now the first failed
// commit says so once, loudly (stderr, and a change the core forwards as the `storage.changed`
// event and in `stats`), and while it lasts a probe asks every PROBE_MS whether writing works
// again, so the status clears by itself even when no webhook arrives. Every capture still tries
// its own commit, so the first one after the database is writable again is stored and answered 200.
//
// The probe never opens the file: closing any descriptor of a file drops every POSIX lock this
// process holds on it (see Store.assertWritable). It asks the kernel with access(2) first, then
// tries one no-op write (the schema cookie set to its own value) on the existing connection.
import type { Db } from './connection.js';
import { asStoreError, StoreError } from './errors.js';

export interface StorageState {
  writable: boolean;
  /** Why not (the write error, in words), while not writable. */
  reason: string | null;
  /** ISO time the current state began (null: writable since the database was opened). */
  since: string | null;
}

const PROBE_MS = 2_000;

export class WriteHealth {
  private state: StorageState = { writable: true, reason: null, since: null };
  private readonly listeners = new Set<(state: StorageState) => void>();
  private probeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly file: string,
    /** Throws when the kernel says this account may not write the files (access(2), opens nothing). */
    private readonly assertWritable: () => void,
    private readonly probeMs = PROBE_MS,
  ) {}

  get current(): StorageState {
    return this.state;
  }

  onChange(listener: (state: StorageState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A commit failed: if it was because the database cannot be written, says so once and starts probing. */
  failed(err: unknown): void {
    const stored = asStoreError(err, this.file);
    const cannotWrite = stored instanceof StoreError && (stored.code === 'db-readonly' || stored.code === 'db-io');
    if (!cannotWrite || !this.state.writable) return;
    this.change({ writable: false, reason: stored.message, since: new Date().toISOString() });
    console.error(
      `hookscope: ${this.file} cannot be written (${stored.message}): every webhook is answered 503 with Retry-After until it can; ` +
        `checking every ${this.probeMs / 1000} s and capturing again by itself once it is writable`,
    );
    this.probeTimer = setInterval(() => this.probe(), this.probeMs).unref();
  }

  /** A commit went through: the database is writable (again). */
  succeeded(): void {
    if (this.state.writable) return;
    this.stopProbing();
    this.change({ writable: true, reason: null, since: new Date().toISOString() });
    console.error(`hookscope: ${this.file} is writable again: capturing resumed`);
  }

  stop(): void {
    this.stopProbing();
  }

  /** One try at writing, on the connection this process already has. */
  probe(): void {
    if (this.state.writable || !this.db.open) return;
    try {
      this.assertWritable();
      this.db
        .transaction(() => {
          const cookie = this.db.pragma('user_version', { simple: true }) as number;
          this.db.pragma(`user_version = ${cookie}`);
        })
        .immediate();
    } catch {
      return; // still not writable (or busy): the next probe asks again
    }
    this.succeeded();
  }

  private stopProbing(): void {
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = null;
  }

  private change(state: StorageState): void {
    this.state = state;
    for (const listener of this.listeners) {
      try {
        listener(state);
      } catch (err) {
        console.error('hookscope: storage listener failed:', err);
      }
    }
  }
}

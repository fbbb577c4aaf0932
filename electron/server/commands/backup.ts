// `hookscope backup FILE`: a consistent copy of the database, also while `serve` is running. SQLite's
// online backup API copies every page within one read transaction (WAL lets the receiver go on
// writing meanwhile), so the copy is the database as of one instant. It is written beside FILE with
// mode 0600 (captures and secrets are private) and renamed onto FILE only once complete: a full disk
// or a crash never leaves a half backup under FILE, and never touches the database.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import Database from 'better-sqlite3';
import { formatBytes } from '../../../shared/units.js';
import { asStoreError, openDatabase } from '../../core/index.js';
import { dbFileOf, printJson, UsageError, withDbOption, type DbOption, examples } from '../cli-kit.js';

/** Pages per backup step: all of them, so no write from another process restarts the copy half-way. */
const ALL_PAGES = 0x7fffffff;

export function registerBackup(program: Command): void {
  withDbOption(program.command('backup <file>'))
    .description('write a consistent copy of the database to FILE (mode 0600), also while serve runs')
    .addHelpText('after', examples('hookscope backup ~/hookscope-backup.db'))
    .option('--json', 'print {file, bytes}')
    .action(async (file: string, flags: DbOption & { json?: boolean }) => {
      const source = dbFileOf(flags);
      const target = path.resolve(file);
      if (!fs.existsSync(source)) throw new Error(`no database at ${source}`);
      if (sameFile(source, target)) throw new UsageError(`${file} is the database itself: name another file`);
      if (!fs.existsSync(path.dirname(target))) throw new UsageError(`the folder ${path.dirname(target)} does not exist`);
      const bytes = await backupTo(source, target);
      if (flags.json) return printJson({ file: target, bytes });
      process.stdout.write(`backed up ${source} to ${target} (${formatBytes(bytes)})\n`);
    });
}

export async function backupTo(source: string, target: string): Promise<number> {
  const partial = `${target}.partial-${process.pid}`;
  const db = openDatabase(source, { readonly: true });
  try {
    fs.closeSync(fs.openSync(partial, 'w', 0o600)); // SQLite writes into a file that is private from its first byte
    fs.chmodSync(partial, 0o600);
    await db.backup(partial, { progress: () => ALL_PAGES });
    standalone(partial);
    fs.renameSync(partial, target);
    return fs.statSync(target).size;
  } catch (err) {
    removeQuietly(partial);
    throw new Error(`backup failed (the database is intact; ${target} was not written): ${asStoreError(err, path.dirname(target)).message}`);
  } finally {
    db.close();
  }
}

/** The copy as one self-contained file (no -wal beside it), checked before it takes FILE's name. */
function standalone(file: string): void {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed its check: ${String(check)}`);
  } finally {
    copy.close();
  }
}

function removeQuietly(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

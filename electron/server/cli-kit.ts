// What every CLI command shares: the --db option, opening the core, numbers parsed strictly, and the
// exit-code rule (0 ok, 1 failure, 2 bad usage) with one clear line on stderr.
import { Command, InvalidArgumentError } from 'commander';
import { ZodError } from 'zod';
import { ApiError, fromZodError } from '../../shared/api/errors.js';
import { parseByteSize } from '../../shared/units.js';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import { asStoreError, defaultDbFile, openCore, StoreError, type Core } from '../core/index.js';

export class UsageError extends Error {}

export interface DbOption {
  db?: string;
}

export function withDbOption(cmd: Command): Command {
  return cmd.option('--db <file>', 'SQLite database file (default: per-user data folder, or $HOOKSCOPE_DB)');
}

export function dbFileOf(opts: DbOption): string {
  return opts.db ?? defaultDbFile();
}

/** Opens the core on the command's database, runs `fn`, and closes it whatever happens. */
export async function withCore<T>(opts: DbOption, fn: (core: Core) => Promise<T>): Promise<T> {
  const file = dbFileOf(opts);
  const core = openCore({ dbFile: file });
  try {
    return await fn(core);
  } catch (err) {
    throw asStoreError(err, file); // a damaged page met mid-command: one line naming the file
  } finally {
    await core.close();
  }
}

/** Calls the API as the UI would, so the CLI gets the same validation and errors. */
export async function call<M extends MethodName>(core: Core, name: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return (await core.dispatch(name, input)) as MethodOutput<M>;
}

export function intOption(name: string, min = 0, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${name} must be a whole number, got "${value}"`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`${name} must be between ${min} and ${max}, got ${n}`);
    return n;
  };
}

/** Bytes with an optional unit: 1048576, 512k, 25m, 1g. */
export function byteSizeOption(value: string): number {
  const n = parseByteSize(value);
  if (n === null) throw new InvalidArgumentError(`expected a size such as 1048576, 512k or 25m, got "${value}"`);
  if (n < 1) throw new InvalidArgumentError('the size must be at least 1 byte');
  return n;
}

/** The "Examples:" block at the end of a command's --help (every command has one). */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}`;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Exit code and message for any error a command throws. */
export function exitCodeOf(err: unknown): { code: number; message: string } {
  if (err instanceof UsageError) return { code: 2, message: err.message };
  if (err instanceof ZodError) return { code: 2, message: fromZodError(err).message };
  if (err instanceof ApiError) return { code: err.code === 'bad-input' ? 2 : 1, message: err.message };
  if (err instanceof StoreError) return { code: 1, message: err.message };
  if (err instanceof Error) return { code: 1, message: err.message };
  return { code: 1, message: String(err) };
}

/** A plain text table: columns padded to their widest cell, the last one left free. */
export function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd())
    .join('\n');
}

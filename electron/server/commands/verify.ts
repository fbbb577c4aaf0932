// `hookscope verify`: check a saved request offline, with the same verdict and hints as the receiver.
// Exits 0 when the signature is valid and 1 otherwise, so scripts can use it as a check.
import fs from 'node:fs';
import type { Command } from 'commander';
import { verifyRequestSchema } from '../../../shared/api/providers.js';
import { openCore } from '../../core/index.js';
import { call, printJson, UsageError, examples } from '../cli-kit.js';
import { parseHeaderFlag } from './endpoints.js';

interface VerifyFlags {
  provider?: string;
  secret?: string[];
  header?: string[];
  bodyFile: string;
  at?: string;
  json?: boolean;
  db?: string;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('verify a saved request offline (exit 0 when valid, 1 otherwise)')
    .addHelpText('after', examples('hookscope verify --provider agiletune --secret s3cret --header \'X-AgileTune-Signature: 5d2…\' --body-file body.json'))
    .option('--provider <id>', 'provider scheme to check (omit to detect from headers)')
    .option('--secret <secret>', 'secret (repeat for previous secrets during a rotation)', collect, undefined)
    .option('--header <"K: V">', 'a request header (repeatable)', collect, undefined)
    .requiredOption('--body-file <file>', 'file with the exact body bytes ("-" for stdin)')
    .option('--at <time>', 'judge timestamps at this time (ISO date or unix seconds) instead of now')
    .option('--json', 'print the verification as JSON')
    .option('--db <file>', 'accepted for symmetry; verify reads no database')
    .action(async (flags: VerifyFlags) => {
      const body = readBody(flags.bodyFile);
      const input = verifyRequestSchema.parse({
        provider: flags.provider ?? null,
        secrets: flags.secret ?? [],
        headers: (flags.header ?? []).map(parseHeaderFlag),
        bodyBase64: body.toString('base64'),
        ...(flags.at ? { atMs: parseAt(flags.at) } : {}),
      });
      const core = openCore({ dbFile: ':memory:' });
      try {
        const v = await call(core, 'verify.request', input);
        if (flags.json) printJson(v);
        else {
          process.stdout.write(`${v.status.toUpperCase()}${v.provider ? ` (${v.provider}${v.detected ? ', detected' : ''})` : ''}: ${v.reason}\n`);
          for (const hint of v.hints) process.stdout.write(`  hint: ${hint}\n`);
          if (v.evidence?.expected && v.status === 'invalid') {
            process.stdout.write(`  received: ${v.evidence.received}\n  expected: ${v.evidence.expected}\n`);
          }
        }
        process.exitCode = v.status === 'valid' ? 0 : 1;
      } finally {
        await core.close();
      }
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function readBody(file: string): Buffer {
  try {
    return fs.readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    throw new UsageError(`cannot read --body-file ${file}: ${(err as Error).message}`);
  }
}

function parseAt(text: string): number {
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text);
  if (!Number.isFinite(ms)) throw new UsageError(`--at must be an ISO date or unix seconds, got "${text}"`);
  return ms;
}

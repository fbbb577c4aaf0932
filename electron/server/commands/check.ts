// `hookscope check`: grade the user's handler against its provider's rules. Hookscope plays the
// provider (signing, success rule, timeout) and a few attackers and accidents (other secrets, no or
// empty signature, bodies changed after signing, stale and swapped timestamps, duplicates, reordering,
// a large event), and reports each check with what was expected, what the handler did and one line of
// advice. Exit codes: 0 when every check that ran passed, 1 when one failed or the handler cannot be
// reached, 2 for bad usage.
import fs from 'node:fs';
import type { Command } from 'commander';
import type { CheckReport, CheckResult } from '../../../shared/api/check.js';
import { CHECK_IDS, type CheckId } from '../../../shared/check/scenarios.js';
import { formatMs } from '../../../shared/check/outcome.js';
import { call, examples, intOption, printJson, UsageError, withCore, withDbOption, type DbOption } from '../cli-kit.js';

interface CheckFlags extends DbOption {
  provider: string;
  to: string;
  secret?: string;
  event?: string;
  data?: string;
  only?: string;
  allowHost?: string[];
  timeoutMs?: number;
  json?: boolean;
}

export function registerCheck(program: Command): void {
  withDbOption(program.command('check'))
    .description("grade your webhook handler against its provider's rules (signatures, timestamps, duplicates, order, size, timeout)")
    .addHelpText('after', examples('hookscope check --provider github --to http://localhost:3000/webhooks --secret s3cret', 'hookscope check --provider stripe --to http://localhost:3000/stripe --secret whsec_… --only signed-accepted,stale-timestamp --json'))
    .requiredOption('--provider <id>', 'provider whose deliveries your handler receives')
    .requiredOption('--to <url>', 'your handler (loopback only unless --allow-host)')
    .option('--secret <secret>', "the webhook secret your handler verifies with (without it only the unsigned-request check runs)")
    .option('--event <name>', "catalogue event to send (default: an update event, else the first; any name with --data)")
    .option('--data <file>', 'the event payload to send instead of the catalogue sample ("-" for stdin)')
    .option('--only <ids>', `run only these checks, comma-separated (${CHECK_IDS.join(', ')})`)
    .option('--allow-host <host>', 'allow a non-loopback target host (repeatable)', collect, undefined)
    .option('--timeout-ms <n>', "grade against this per-request timeout instead of the provider's", intOption('--timeout-ms', 1, 3_600_000))
    .option('--json', 'print {provider, target, passed, failed, skipped, checks:[{id, title, passed, skipped, expected, got, advice}]}')
    .action(check);
}

async function check(flags: CheckFlags): Promise<void> {
  const only = parseOnly(flags.only);
  const body = flags.data === undefined ? undefined : readData(flags.data).toString('base64');
  await withCore(flags, async (core) => {
    const offs = flags.json
      ? []
      : [
          core.ctx.events.on('check.started', (e) => process.stdout.write(`checking ${e.target} as ${e.provider} (timeout ${formatMs(e.timeoutMs)})\n`)),
          core.ctx.events.on('check.result', ({ check }) => process.stdout.write(describeCheck(check))),
        ];
    try {
      const { report } = await call(core, 'check.run', {
        provider: flags.provider,
        to: flags.to,
        secret: flags.secret ?? null,
        event: flags.event,
        bodyBase64: body,
        only,
        allowHosts: flags.allowHost ?? [],
        timeoutMs: flags.timeoutMs,
        wait: true,
      });
      const r = report!;
      if (flags.json) printJson(r);
      else process.stdout.write(summary(r));
      process.exitCode = r.failed > 0 || r.unreachable ? 1 : 0;
    } finally {
      for (const off of offs) off();
    }
  });
}

function parseOnly(text: string | undefined): CheckId[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !(CHECK_IDS as readonly string[]).includes(id));
  if (unknown.length > 0 || ids.length === 0) throw new UsageError(`--only: unknown check "${unknown[0] ?? text}" (known: ${CHECK_IDS.join(', ')})`);
  return ids as CheckId[];
}

function describeCheck(c: CheckResult): string {
  const mark = c.skipped ? '-' : c.passed ? (c.warning ? '!' : '✓') : '✗';
  const lines = [`${mark} ${c.title}: ${c.got}`];
  if (!c.passed && !c.skipped) lines.push(`    expected: ${c.expected}`);
  if (c.advice) lines.push(`    advice: ${c.advice}`);
  if (!c.passed && !c.skipped && c.requests.length > 0) lines.push(`    request: ${c.requests.map((r) => `send #${r.sendId} (${r.label})`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function summary(r: CheckReport): string {
  const lines = [`${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${r.provider} at ${r.target}, timeout ${formatMs(r.timeoutMs)})`];
  if (r.unreachable) lines.push(`hookscope: ${r.unreachable}`);
  if (r.batchId !== null) lines.push(`requests recorded as send batch #${r.batchId}: hookscope sends --batch ${r.batchId}`);
  return `${lines.join('\n')}\n`;
}

function readData(file: string): Buffer {
  try {
    return fs.readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    throw new UsageError(`cannot read --data ${file}: ${(err as Error).message}`);
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

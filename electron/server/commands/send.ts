// `hookscope send`: Hookscope acts as the provider — signs like it, retries on its schedule — against
// the user's handler; `hookscope sends` lists past runs and `sends stop` stops one.
// Exit codes: 0 whenever the run itself completed, whatever became of the delivery (that is data);
// 2 for bad usage; 1 when a target rule refuses the URL. Under the real clock the command waits until
// the run ends; Ctrl+C leaves it scheduled in the database and `hookscope serve` resumes it.
import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { ProviderSummary } from '../../../shared/api/providers.js';
import { SEND_STATUSES, type SendAttempt, type SendBatchSummary, type SendRun, type SendStartInput } from '../../../shared/api/sender.js';
import { RETRY_READINGS, successRuleSchema, type RetryReading, type SuccessRule } from '../../../shared/retry/policy.js';
import { startSendScheduler } from '../../core/index.js';
import { call, intOption, printJson, table, UsageError, withCore, withDbOption, type DbOption, examples } from '../cli-kit.js';
import { fidelityLine } from './provider-text.js';

interface SendFlags extends DbOption {
  provider: string;
  event?: string;
  events?: string;
  count?: number;
  to: string;
  secret?: string;
  data?: string;
  virtual?: boolean;
  timeScale?: number;
  timeoutMs?: number;
  retryEveryMs?: number;
  maxAttempts?: number;
  duplicates?: number;
  duplicateProbability?: number;
  shuffle?: boolean;
  seed?: number;
  inOrder?: boolean;
  allowHost?: string[];
  retryReading?: RetryReading;
  success?: SuccessRule;
  contentType?: 'json' | 'form';
  prettyBody?: boolean;
  json?: boolean;
}

export function registerSend(program: Command): void {
  withDbOption(program.command('send'))
    .description("send a provider's event to your handler, signed like the provider, retried on its schedule")
    .addHelpText('after', examples('hookscope send --provider agiletune --event task.created --secret s3cret --to http://localhost:3000/hooks --virtual'))
    .requiredOption('--provider <id>', 'provider to act as (aptly, agiletune, almirant, workspace, …)')
    .option('--event <name>', 'catalogue event to send (any name with --data)')
    .option('--events <a,b,c>', 'several events, in the order they occur')
    .option('--count <n>', 'send N events (cycling through --event/--events, or the catalogue)', intOption('--count', 1, 10_000))
    .requiredOption('--to <url>', 'your handler (loopback only unless --allow-host)')
    .option('--secret <secret>', 'webhook secret to sign with (omit to send unsigned)')
    .option('--data <file>', 'send this file\'s exact bytes as the body ("-" for stdin)')
    .option('--virtual', 'virtual clock: play the whole schedule at once (attempts are still sent)')
    .option('--time-scale <n>', 'scaled clock: provider time runs N times faster (60 = an hour a minute)', positiveNumber('--time-scale'))
    .option('--timeout-ms <n>', "per-attempt timeout instead of the provider's", intOption('--timeout-ms', 1, 3_600_000))
    .option('--retry-every-ms <n>', 'interval of indefinite retries (aptly: default 60000)', intOption('--retry-every-ms', 1))
    .option('--max-attempts <n>', 'stop after N attempts per event (default 10 for indefinite retries under --virtual)', intOption('--max-attempts', 1, 100_000))
    .option('--duplicates <n>', 'deliver each event N extra times (a batch holds at most 10,000 deliveries, duplicates included)', intOption('--duplicates', 0, 100))
    .option('--duplicate-probability <p>', 'chance (0..1) that each extra delivery happens (default 1; alone: one duplicate)', probability)
    .option('--shuffle', 'deliver the batch out of order')
    .option('--seed <n>', 'seed of --shuffle and --duplicate-probability, to repeat a run', intOption('--seed', 0, 2 ** 32 - 1))
    .option('--in-order', 'deliver strictly in order, a failing event holding back the rest (aptly default)')
    .option('--no-in-order', 'deliver without waiting for earlier events')
    .option('--allow-host <host>', 'allow a non-loopback target host (repeatable)', collect, undefined)
    .option('--retry-reading <reading>', "hookscope (the document's listed schedule) or document-count (the attempt count it states: agiletune 5 attempts, workspace 3, almirant's table as retries after an immediate first attempt)", oneOf('--retry-reading', RETRY_READINGS))
    .option('--success <rule>', "another success rule than the provider's: any-2xx, exactly-200 or below-400", oneOf('--success', successRuleSchema.options))
    .option('--content-type <type>', 'json, or form (payload=<url-encoded JSON>, where the provider offers it: agiletune)', oneOf('--content-type', ['json', 'form'] as const))
    .option('--pretty-body', 'send catalogue samples pretty-printed: a handler that re-serialises the parsed body (JSON.stringify(req.body)) then fails its signature check')
    .option('--json', 'print {id, provider, event, status, attempts, occurredSeq, fidelity, retryReading} when the run ends (an array for several events)')
    .action(send);

  const sends = program
    .command('sends')
    .description('mock sends: list past runs, stop one')
    .addHelpText('after', examples('hookscope sends', 'hookscope sends stop 12'));
  withDbOption(sends.command('list', { isDefault: true }))
    .description('list past runs, newest first')
    .addHelpText('after', examples('hookscope sends list --json'))
    .option('--limit <n>', 'how many', intOption('--limit', 1, 1000), 50)
    .option('--batch <id>', 'only the runs of this batch, in batch order', intOption('--batch', 1))
    .option('--json', 'print a JSON array')
    .action(async (flags: DbOption & { limit: number; batch?: number; json?: boolean }) => {
      await withCore(flags, async (core) => {
        const { items, batch } = await call(core, 'sends.list', { limit: flags.limit, batchId: flags.batch });
        if (flags.json) return printJson(items.map(runJson).map((r, i) => ({ ...r, ...listExtras(items[i]!) })));
        if (items.length === 0) return void process.stdout.write('no sends yet: try `hookscope send --provider agiletune --event task.created --to http://localhost:3000/ --virtual`\n');
        const rows = items.map((r) => [
          `#${r.id}`,
          `#${r.batchId}`,
          r.createdAt.replace('T', ' ').slice(0, 19),
          r.provider,
          r.event,
          r.status,
          String(r.attempts.length),
          r.nextOffsetMs === null ? '-' : `+${formatOffset(r.nextOffsetMs)}${r.nextDueAt ? ` (${r.nextDueAt.slice(11, 19)})` : ''}`,
          r.target,
        ]);
        process.stdout.write(`${table([['ID', 'BATCH', 'CREATED (UTC)', 'PROVIDER', 'EVENT', 'STATUS', 'ATTEMPTS', 'NEXT', 'TARGET'], ...rows])}\n`);
        if (batch) process.stdout.write(`${batchTotals(batch, items.length)}\n`);
      });
    });
  withDbOption(sends.command('stop <id>'))
    .description('stop a scheduled run (or, with --batch, every run of batch <id>)')
    .addHelpText('after', examples('hookscope sends stop 12'))
    .option('--batch', '<id> is a batch id')
    .action(async (idText: string, flags: DbOption & { batch?: boolean }) => {
      const id = intOption('<id>', 1)(idText);
      await withCore(flags, async (core) => {
        const { stopped } = await call(core, 'send.stop', flags.batch ? { batchId: id } : { id });
        process.stdout.write(stopped.length ? `stopped ${stopped.map((s) => `#${s}`).join(', ')}\n` : 'nothing to stop: the run already ended\n');
      });
    });
}

async function send(flags: SendFlags): Promise<void> {
  const input = toStartInput(flags);
  let interrupted = false;
  let batchId: number | null = null;
  await withCore(flags, async (core) => {
    const scheduler = await startSendScheduler(core, { resume: false });
    const interrupt = () => {
      interrupted = true;
      scheduler.stop();
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    const events = core.ctx.events;
    const offState = events.on('send.state', (s) => {
      batchId ??= s.batchId;
    });
    const offAttempt = events.on('send.attempt', (a) => {
      if (!flags.json) process.stdout.write(`#${a.id} ${describeAttempt(a.attempt)}\n`);
    });
    try {
      const provider = (await call(core, 'providers.list', {})).items.find((p) => p.id === input.provider);
      const fidelityOf = (event: string) => (input.bodyBase64 === undefined ? (provider?.events.find((e) => e.name === event)?.fidelity ?? null) : null);
      if (!flags.json) {
        process.stdout.write(`sending as ${input.provider} to ${input.to} (${clockName(input)})\n`);
        if (provider) process.stdout.write(payloadLines(provider, input));
      }
      const { items } = await call(core, 'send.start', input);
      const json = (r: SendRun) => ({ ...runJson(r), fidelity: fidelityOf(r.event), retryReading: input.retryReading ?? 'hookscope' });
      if (flags.json) printJson(items.length === 1 ? json(items[0]!) : items.map(json));
      else process.stdout.write(summary(items));
    } catch (err) {
      if (!interrupted) throw err;
    } finally {
      offState();
      offAttempt();
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
    }
  });
  if (interrupted) {
    process.stderr.write(
      `hookscope: stopped; batch #${batchId ?? '?'} stays scheduled in the database and \`hookscope serve${flags.db ? ` --db ${flags.db}` : ''}\` resumes it\n`,
    );
    // An attempt still in flight would keep the process alive until its timeout: leave now.
    process.exit(130);
  }
}

function toStartInput(flags: SendFlags): SendStartInput {
  if (flags.virtual && flags.timeScale !== undefined) throw new UsageError('choose one clock: --virtual or --time-scale N (neither = the real clock)');
  const events = [...(flags.event ? [flags.event] : []), ...(flags.events ? flags.events.split(',').map((e) => e.trim()).filter(Boolean) : [])];
  if (events.length === 0 && flags.count === undefined) throw new UsageError('name the event to send with --event (or --events a,b,c, or --count N)');
  return {
    provider: flags.provider,
    events,
    count: flags.count,
    bodyBase64: flags.data === undefined ? undefined : readData(flags.data).toString('base64'),
    to: flags.to,
    secret: flags.secret ?? null,
    clock: flags.virtual ? { kind: 'virtual' } : flags.timeScale !== undefined ? { kind: 'scaled', scale: flags.timeScale } : { kind: 'real' },
    timeoutMs: flags.timeoutMs,
    retryEveryMs: flags.retryEveryMs,
    maxAttempts: flags.maxAttempts,
    duplicates: flags.duplicates,
    duplicateProbability: flags.duplicateProbability,
    shuffle: flags.shuffle,
    seed: flags.seed,
    inOrder: flags.inOrder,
    allowHosts: flags.allowHost ?? [],
    retryReading: flags.retryReading,
    success: flags.success,
    contentType: flags.contentType,
    prettyBody: flags.prettyBody,
    wait: true,
  };
}

/**
 * Before sending: what of each payload the document shows (issue #20) and, where the document can be
 * read two ways, which reading is played and how to play the other.
 */
function payloadLines(provider: ProviderSummary, input: SendStartInput): string {
  const lines: string[] = [];
  if (input.bodyBase64 !== undefined) lines.push('payload: yours (--data), sent byte for byte');
  else {
    const events = input.events?.length ? [...new Set(input.events)] : provider.events.map((e) => e.name);
    for (const name of events) {
      const event = provider.events.find((e) => e.name === name);
      if (event) lines.push(`payload ${name}: ${fidelityLine(event.fidelity)}`);
    }
  }
  const count = provider.readings.find((r) => r.option === '--retry-reading document-count');
  if (count) {
    const other = input.retryReading === 'document-count';
    lines.push(`reading: ${other ? count.alternative : count.reading} (${other ? 'the other reading; default: --retry-reading hookscope' : 'the other: --retry-reading document-count'})`);
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** The documented JSON of one run (a contract: scripts read these fields). */
function runJson(r: SendRun) {
  return {
    id: r.id,
    provider: r.provider,
    event: r.event,
    status: r.status,
    attempts: r.attempts.map((a) => ({ n: a.n, offsetMs: a.offsetMs, status: a.status, durationMs: a.durationMs, error: a.error })),
    // Where the event stood before any shuffle; the array itself is in delivery order.
    occurredSeq: r.occurredSeq ?? null,
  };
}

function listExtras(r: SendRun) {
  return { batchId: r.batchId, seq: r.seq, target: r.target, createdAt: r.createdAt, endedAt: r.endedAt, nextOffsetMs: r.nextOffsetMs, nextDueAt: r.nextDueAt, duplicateOf: r.duplicateOf };
}

/** "batch #12: 1,200 runs, first 50 shown: 1,150 delivered · 50 scheduled" (totals over the whole batch). */
function batchTotals(b: SendBatchSummary, shown: number): string {
  const fmt = (n: number) => n.toLocaleString('en-US');
  const counts = SEND_STATUSES.filter((s) => b.counts[s] > 0).map((s) => `${fmt(b.counts[s])} ${s}`);
  const listed = shown < b.total ? `, first ${fmt(shown)} shown (--limit)` : '';
  return `batch #${b.batchId}: ${fmt(b.total)} run${b.total === 1 ? '' : 's'}${listed}: ${counts.join(' · ')}`;
}

function describeAttempt(a: SendAttempt): string {
  const outcome = a.error === null ? 'delivered' : a.error;
  return `attempt ${a.n} at +${formatOffset(a.offsetMs)}: ${a.status ?? '-'} in ${a.durationMs.toFixed(0)} ms${a.error === null ? '' : ` (${outcome})`}`;
}

function summary(items: SendRun[]): string {
  const lines = items.map((r) => `#${r.id} ${r.event}: ${r.status} after ${r.attempts.length} attempt${r.attempts.length === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

function clockName(input: SendStartInput): string {
  const clock = input.clock ?? { kind: 'real' };
  if (clock.kind === 'virtual') return 'virtual clock: waits skipped';
  if (clock.kind === 'scaled') return `scaled clock: ×${clock.scale}`;
  return 'real clock: Ctrl+C leaves the run for `hookscope serve` to resume';
}

/** 0 → 0s, 60000 → 1m, 8_760_000 → 2h26m. */
function formatOffset(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', sec || (!h && !m) ? `${sec}s` : ''].join('');
}

function readData(file: string): Buffer {
  try {
    return fs.readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    throw new UsageError(`cannot read --data ${file}: ${(err as Error).message}`);
  }
}

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n > 0)) throw new InvalidArgumentError(`${name} must be a positive number, got "${value}"`);
    return n;
  };
}

function probability(value: string): number {
  const n = Number(value);
  if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(value.trim()) || n < 0 || n > 1) throw new InvalidArgumentError(`--duplicate-probability must be between 0 and 1, got "${value}"`);
  return n;
}

function oneOf<T extends string>(name: string, values: readonly T[]) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`${name} must be one of ${values.join(', ')}, got "${value}"`);
    return value as T;
  };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

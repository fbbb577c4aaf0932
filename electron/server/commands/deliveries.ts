// `hookscope deliveries`, `show <id>` and `stats`: reading what was captured.
import { arrivedThrough, describeArrival } from '../../../shared/net/forwarded.js';
import type { Command } from 'commander';
import { VERIFICATION_STATUSES, type DeliveryDetail, type DeliverySummary, type VerificationStatus } from '../../../shared/domain.js';
import { call, intOption, printJson, table, UsageError, withCore, withDbOption, type DbOption } from '../cli-kit.js';
import { describeReplays } from './replay.js';

interface ListFlags extends DbOption {
  limit: number;
  provider?: string;
  verdict?: string;
  endpoint?: string;
  method?: string;
  search?: string;
  json?: boolean;
}

export function registerDeliveries(program: Command): void {
  withDbOption(program.command('deliveries'))
    .description('list captured deliveries, newest first')
    .option('--limit <n>', 'how many', intOption('--limit', 1, 1000), 50)
    .option('--provider <id>', 'only this provider')
    .option('--verdict <v>', `only this verdict (${VERIFICATION_STATUSES.join(', ')})`)
    .option('--endpoint <path>', 'only this endpoint')
    .option('--method <m>', 'only this HTTP method')
    .option('--search <text>', 'text in path, headers or body')
    .option('--json', 'print a JSON array')
    .action(async (flags: ListFlags) => {
      if (flags.verdict && !VERIFICATION_STATUSES.includes(flags.verdict as VerificationStatus)) {
        throw new UsageError(`--verdict must be one of ${VERIFICATION_STATUSES.join(', ')}, got "${flags.verdict}"`);
      }
      await withCore(flags, async (core) => {
        const { items } = await call(core, 'deliveries.list', {
          limit: flags.limit,
          provider: flags.provider,
          verdict: flags.verdict as VerificationStatus | undefined,
          endpoint: flags.endpoint,
          method: flags.method,
          q: flags.search,
        });
        if (flags.json) return printJson(items.map(listJson));
        if (items.length === 0) return void process.stdout.write('no deliveries yet: start `hookscope serve` and point a provider at the receiver URL\n');
        const rows = items.map((d) => [
          `#${d.id}`,
          d.receivedAt.replace('T', ' ').slice(0, 19),
          d.method,
          d.path,
          d.provider ?? '-',
          `${d.size} B${d.truncated ? ' (truncated)' : ''}`,
          d.verification.status,
          String(d.responseStatus ?? '-'),
        ]);
        process.stdout.write(`${table([['ID', 'RECEIVED (UTC)', 'METHOD', 'PATH', 'PROVIDER', 'SIZE', 'VERDICT', 'ANSWER'], ...rows])}\n`);
      });
    });

  withDbOption(program.command('show <id>'))
    .description('show one delivery (headers, body, verdict)')
    .option('--json', 'print everything as JSON (body as base64 and, when UTF-8, as text)')
    .option('--body', 'write the exact body bytes to stdout, nothing else')
    .action(async (idText: string, flags: DbOption & { json?: boolean; body?: boolean }) => {
      const id = intOption('<id>', 1)(idText);
      await withCore(flags, async (core) => {
        const detail = await call(core, 'deliveries.get', { id });
        if (flags.body) return void process.stdout.write(Buffer.from(detail.bodyBase64, 'base64'));
        const { items: replays } = await call(core, 'replays.list', { deliveryId: id });
        if (flags.json) return printJson({ ...detail, replays });
        process.stdout.write(describe(detail));
        if (replays.length) process.stdout.write(`\nreplays:\n${describeReplays(replays)}`);
      });
    });

  withDbOption(program.command('stats'))
    .description('counts of deliveries and endpoints')
    .option('--json', 'print JSON')
    .action(async (flags: DbOption & { json?: boolean }) => {
      await withCore(flags, async (core) => {
        const stats = await call(core, 'stats.get', {});
        if (flags.json) return printJson(stats);
        const verdicts = Object.entries(stats.byVerdict).map(([v, n]) => `${n} ${v}`).join(', ');
        process.stdout.write(`${stats.deliveries} deliveries${verdicts ? ` (${verdicts})` : ''}, ${stats.endpoints} endpoints\n`);
      });
    });
}

/** The documented JSON shape of a list row (a contract: scripts read these fields). */
function listJson(d: DeliverySummary) {
  const { status, provider, reason, hints } = d.verification;
  return {
    id: d.id,
    receivedAt: d.receivedAt,
    method: d.method,
    path: d.path,
    query: d.query,
    endpoint: d.endpoint,
    provider: d.provider,
    size: d.size,
    truncated: d.truncated,
    incomplete: d.incomplete,
    contentType: d.contentType,
    responseStatus: d.responseStatus,
    verification: { status, provider, reason, hints, ...(d.verification.detected ? { detected: true } : {}) },
  };
}

/** The client behind a tunnel or relay, from the headers it added (issue #21). */
function originalClientLine(d: DeliveryDetail): string[] {
  const through = arrivedThrough(d.headers, d.remoteAddress);
  return through ? [`client    ${describeArrival(through)}`] : [];
}

function describe(d: DeliveryDetail): string {
  const v = d.verification;
  const lines = [
    `#${d.id}  ${d.method} ${d.path}${d.query ? `?${d.query}` : ''}  HTTP/${d.httpVersion}`,
    `received  ${d.receivedAt} from ${d.remoteAddress ?? '?'}:${d.remotePort ?? '?'} in ${d.durationMs.toFixed(1)} ms`,
    ...originalClientLine(d),
    `endpoint  ${d.endpoint ?? '(none matched)'}   answered ${d.responseStatus ?? '-'}`,
    `verdict   ${v.status.toUpperCase()}${v.provider ? ` (${v.provider}${v.detected ? ', detected' : ''})` : ''}: ${v.reason}`,
    ...v.hints.map((h) => `  hint: ${h}`),
    '',
    ...d.headers.map((h) => `${h.name}: ${h.value}`),
    '',
  ];
  const size = `${d.size} bytes${d.truncated ? ', truncated at the size limit' : ''}${d.incomplete === 'aborted' ? ', client left mid-body' : ''}`;
  if (d.bodyText === null) lines.push(`(binary body, ${size}: use --body to get the bytes)`);
  else lines.push(d.bodyText, `(${size})`);
  return `${lines.join('\n')}\n`;
}

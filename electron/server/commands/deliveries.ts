// `hookscope deliveries`, `show <id>`, `stats` and `reverify`: reading what was captured, and checking
// stored verdicts again after an endpoint's secret changed.
import { arrivedThrough, describeArrival } from '../../../shared/net/forwarded.js';
import type { Command } from 'commander';
import { inCidr } from '../../../shared/net/cidr.js';
import { getProvider } from '../../../shared/providers/registry.js';
import { VERIFICATION_STATUSES, type DeliveryDetail, type DeliverySummary, type VerificationStatus } from '../../../shared/domain.js';
import { call, intOption, printJson, table, UsageError, withCore, withDbOption, type DbOption, examples } from '../cli-kit.js';
import { describeReplays } from './replay.js';
import { formatBytes } from '../../../shared/units.js';

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
    .addHelpText('after', examples('hookscope deliveries --verdict invalid --limit 20', 'hookscope deliveries --json --search tsk_1'))
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
    .addHelpText('after', examples('hookscope show 42', 'hookscope show 42 --body > body.bin'))
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

  withDbOption(program.command('reverify [ids...]'))
    .description("verify deliveries again with their endpoints' current provider and secrets (after a secret changed)")
    .addHelpText('after', examples('hookscope reverify --endpoint /hooks/github', 'hookscope reverify 41 42 --json'))
    .option('--endpoint <path>', 'every delivery of this endpoint')
    .option('--json', 'print {checked, changed, byVerdict}')
    .action(async (idTexts: string[], flags: DbOption & { endpoint?: string; json?: boolean }) => {
      if ((idTexts.length > 0) === (flags.endpoint !== undefined)) throw new UsageError('give delivery ids or --endpoint <path>, one of the two');
      const ids = idTexts.map((text) => intOption('<id>', 1)(text));
      await withCore(flags, async (core) => {
        const result = await call(core, 'deliveries.verifyMany', flags.endpoint !== undefined ? { endpoint: flags.endpoint } : { ids });
        if (flags.json) return printJson(result);
        const verdicts = Object.entries(result.byVerdict).map(([v, n]) => `${n} ${v}`).join(', ');
        process.stdout.write(`checked ${result.checked} deliveries${verdicts ? ` (now ${verdicts})` : ''}; ${result.changed} changed verdict\n`);
      });
    });

  withDbOption(program.command('stats'))
    .description('counts of deliveries and endpoints')
    .addHelpText('after', examples('hookscope stats --json'))
    .option('--json', 'print JSON')
    .action(async (flags: DbOption & { json?: boolean }) => {
      await withCore(flags, async (core) => {
        const stats = await call(core, 'stats.get', {});
        if (flags.json) return printJson(stats);
        const verdicts = Object.entries(stats.byVerdict).map(([v, n]) => `${n} ${v}`).join(', ');
        process.stdout.write(`${stats.deliveries} deliveries${verdicts ? ` (${verdicts})` : ''}, ${stats.endpoints} endpoints, database ${formatBytes(stats.dbBytes)}\n`);
        if (stats.secrets) process.stdout.write(`secrets sealed with: ${stats.secrets.protection}${stats.secrets.unreadable.length ? `; to enter again: ${stats.secrets.unreadable.join(', ')}` : ''}\n`);
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
    event: d.event ?? null,
    verification: { status, provider, reason, hints, ...(d.verification.detected ? { detected: true } : {}) },
  };
}

/** For providers that document where deliveries come from (Workspace's IP allowlist), whether this one did. */
function sourceRangeLine(d: DeliveryDetail): string[] {
  const spec = getProvider(d.verification.provider ?? d.provider ?? '');
  if (!spec || spec.sourceRanges.length === 0) return [];
  const inside = d.remoteAddress !== null && spec.sourceRanges.some((range) => inCidr(d.remoteAddress!, range));
  return [`source    a real ${spec.name} delivery comes from ${spec.sourceRanges.join(' or ')}; this one came from ${inside ? 'inside them' : 'outside them (a tunnel or relay, the mock sender or a replay)'}`];
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
    ...sourceRangeLine(d),
    ...originalClientLine(d),
    `endpoint  ${d.endpoint ?? '(none matched)'}   answered ${d.responseStatus ?? '-'}`,
    `verdict   ${v.status.toUpperCase()}${v.provider ? ` (${v.provider}${v.detected ? ', detected' : ''})` : ''}: ${v.reason}`,
    ...v.hints.map((h) => `  hint: ${h}`),
    '',
    ...d.headers.map((h) => `${h.name}: ${h.value}`),
    '',
  ];
  const size = `${d.size} bytes${d.truncated ? ', truncated at the size limit' : ''}${d.incomplete === 'aborted' ? ', client left mid-body' : ''}${d.incomplete === 'malformed' ? ', malformed HTTP body (answered 400)' : ''}`;
  if (d.bodyText === null) lines.push(`(binary body, ${size}: use --body to get the bytes)`);
  else lines.push(d.bodyText, `(${size})`);
  return `${lines.join('\n')}\n`;
}

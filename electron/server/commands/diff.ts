// `hookscope diff <a> <b>`: what changed between two deliveries (request line, headers, body as JSON
// paths or lines), or with --replay, between a delivery and one of its replays. Exit 0 whether or not
// they differ: a difference is an answer, not a failure.
import { Option, type Command } from 'commander';
import type { HeaderChange, JsonChange, LineChange, MessageDiff } from '../../../shared/diff/types.js';
import { call, intOption, printJson, UsageError, withCore, withDbOption, type DbOption, examples } from '../cli-kit.js';

interface DiffFlags extends DbOption {
  replay?: number;
  against: 'response' | 'request';
  json?: boolean;
}

export function registerDiff(program: Command): void {
  withDbOption(program.command('diff <a> [b]'))
    .description('diff two deliveries (or, with --replay, a delivery and one of its replays)')
    .addHelpText('after', examples('hookscope diff 41 42 --json', 'hookscope diff 42 --replay 7'))
    .option('--replay <replayId>', 'diff delivery <a> against this replay of it instead of against <b>', intOption('--replay', 1))
    .addOption(new Option('--against <side>', 'with --replay: the replay\'s response or the request it sent').choices(['response', 'request']).default('response'))
    .option('--json', 'print {changes, headers, …} as JSON')
    .action(async (aText: string, bText: string | undefined, flags: DiffFlags) => {
      const a = intOption('<a>', 1)(aText);
      if ((bText === undefined) === (flags.replay === undefined)) throw new UsageError('give two delivery ids, or one with --replay <replayId>');
      await withCore(flags, async (core) => {
        if (flags.replay !== undefined) {
          const diff = await call(core, 'diff.replay', { deliveryId: a, replayId: flags.replay, against: flags.against });
          if (flags.json) return printJson(diff);
          return void process.stdout.write(`#${a} vs replay ${flags.replay} (${flags.against})\n${describeDiff(diff)}`);
        }
        const b = intOption('<b>', 1)(bText!);
        const diff = await call(core, 'diff.deliveries', { a, b });
        if (flags.json) return printJson(diff);
        const request = diff.request.map((r) => `  ~ ${r.field}: ${r.old} → ${r.new}\n`).join('');
        process.stdout.write(`#${a} vs #${b}\n${request ? `request:\n${request}` : ''}${describeDiff(diff)}`);
      });
    });
}

function describeDiff(diff: MessageDiff): string {
  if (diff.equal) return 'no differences in headers or body\n';
  const parts: string[] = [];
  if (diff.headers.length) parts.push(`headers:\n${diff.headers.map(headerLine).join('')}`);
  if (diff.bodyEqual) parts.push('body: identical\n');
  else if (diff.format === 'json') parts.push(`body (JSON, ${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'}):\n${diff.changes.map(changeLine).join('')}`);
  else if (diff.format === 'text') parts.push(`body (text):\n${diff.lines.map(lineBlock).join('')}`);
  else parts.push(`body (binary): differs (${diff.size.old} → ${diff.size.new} bytes)\n`);
  return parts.join('');
}

const MARK = { added: '+', removed: '-', changed: '~' } as const;

function headerLine(h: HeaderChange): string {
  if (h.kind === 'added') return `  + ${h.name}: ${h.new}\n`;
  if (h.kind === 'removed') return `  - ${h.name}: ${h.old}\n`;
  return `  ~ ${h.name}: ${h.old} → ${h.new}\n`;
}

function changeLine(c: JsonChange): string {
  const path = c.path === '' ? '(root)' : c.path;
  const value = (v: unknown) => JSON.stringify(v) ?? 'undefined';
  if (c.kind === 'added') return `  ${MARK.added} ${path}: ${value(c.new)}\n`;
  if (c.kind === 'removed') return `  ${MARK.removed} ${path}: ${value(c.old)}\n`;
  return `  ${MARK.changed} ${path}: ${value(c.old)} → ${value(c.new)}\n`;
}

/** Changed lines with their mark; runs of equal lines shortened to their first and last. */
function lineBlock(l: LineChange): string {
  const lines = l.text.replace(/\n$/, '').split('\n');
  if (l.kind !== 'equal') return lines.map((line) => `  ${l.kind === 'added' ? '+' : '-'} ${line}\n`).join('');
  const shown = lines.length > 3 ? [lines[0]!, `… ${lines.length - 2} unchanged lines`, lines.at(-1)!] : lines;
  return shown.map((line) => `    ${line}\n`).join('');
}

// `hookscope replay <id...> --to URL`: send captured deliveries again to a handler, as captured or
// re-signed, edited or not, one after another. Exit 0 when every replay was sent and answered
// (whatever the status), 1 when the target was refused or an exchange failed, 2 on bad usage.
import fs from 'node:fs';
import type { Command } from 'commander';
import { ApiError } from '../../../shared/api/errors.js';
import { rewordReplayMessage, type Replay, type ReplayOptionWords } from '../../../shared/api/replay.js';
import { call, intOption, printJson, UsageError, withCore, withDbOption, type DbOption, examples } from '../cli-kit.js';
import { parseHeaderFlag } from './endpoints.js';

interface ReplayFlags extends DbOption {
  to?: string;
  again?: boolean;
  resign?: boolean;
  secret?: string;
  bodyFile?: string;
  header?: string[];
  removeHeader?: string[];
  allowHost?: string[];
  timeoutMs?: number;
  json?: boolean;
}

export function registerReplay(program: Command): void {
  withDbOption(program.command('replay <id...>'))
    .description('send captured deliveries again, in the order given, to a handler (loopback unless --allow-host)')
    .addHelpText('after', examples('hookscope replay 42 --to http://localhost:3000', 'hookscope replay 42 --to http://localhost:3000/hooks --resign --json', 'hookscope replay 42 --again'))
    .option('--to <url>', 'target URL; without a path the captured path is used (http://localhost:3000 → /hooks/x?y=1)')
    .option('--again', 'send each delivery to the target of its last replay (as captured or re-signed, as that one was), instead of --to')
    .option('--resign', 're-sign with a fresh timestamp/id and the endpoint\'s secret (or --secret)')
    .option('--no-resign', 'send an edited request with its old signature instead of re-signing it')
    .option('--secret <secret>', 'secret to re-sign with (default: the endpoint\'s)')
    .option('--body-file <file>', 'send these bytes as the body instead ("-" for stdin); re-signed unless --no-resign')
    .option('--header <"K: V">', 'set a header, replacing one of the same name (repeatable); re-signed unless --no-resign', collect, undefined)
    .option('--remove-header <name>', 'drop a header (repeatable)', collect, undefined)
    .option('--allow-host <host>', 'allow this non-loopback host as a target (repeatable)', collect, undefined)
    .option('--timeout-ms <n>', 'give up on a response after this long', intOption('--timeout-ms', 1, 600_000))
    .option('--json', 'print {replays: [...]} as JSON')
    .action(async (idTexts: string[], flags: ReplayFlags) => {
      const ids = idTexts.map((text) => intOption('<id>', 1)(text));
      if ((flags.to === undefined) === (flags.again !== true)) throw new UsageError('give --to <url>, or --again to use the target of each delivery\'s last replay');
      const body = flags.bodyFile !== undefined ? readBody(flags.bodyFile) : undefined;
      await withCore(flags, async (core) => {
        // --again: one send per delivery, each to where its last replay went.
        const batches = flags.again ? await Promise.all(ids.map(async (id) => ({ ids: [id], ...(await lastTarget(core, id)) }))) : [{ ids, target: flags.to!, mode: undefined }];
        const replays: Replay[] = [];
        for (const batch of batches) replays.push(...(await send(core, batch, flags, body)));
        if (flags.json) printJson({ replays });
        else process.stdout.write(describeReplays(replays));
        if (replays.some((r) => r.error !== null)) process.exitCode = 1;
      });
    });
}

type Core = Parameters<Parameters<typeof withCore>[1]>[0];

/** Where a delivery's last replay went and how it was sent (an auto-forward counts, sent as captured). */
async function lastTarget(core: Core, id: number): Promise<{ target: string; mode: 'as-captured' | 're-signed' }> {
  const { items } = await call(core, 'replays.list', { deliveryId: id });
  const last = items.reduce<Replay | undefined>((newest, r) => (!newest || r.id > newest.id ? r : newest), undefined);
  if (!last) throw new UsageError(`delivery ${id} was never replayed: give --to <url>`);
  return { target: last.target, mode: last.mode === 're-signed' ? 're-signed' : 'as-captured' };
}

async function send(core: Core, batch: { ids: number[]; target: string; mode: 'as-captured' | 're-signed' | undefined }, flags: ReplayFlags, body: Buffer | undefined): Promise<Replay[]> {
  const { replays } = await call(core, 'replay.send', {
    ids: batch.ids,
    target: batch.target,
    mode: flags.resign === true ? 're-signed' : flags.resign === undefined && batch.mode ? batch.mode : 'as-captured',
    ...(flags.resign === false ? { resign: false } : {}),
    ...(flags.secret !== undefined ? { secret: flags.secret } : {}),
    ...(body !== undefined ? { bodyBase64: body.toString('base64') } : {}),
    ...(flags.header ? { headers: flags.header.map(parseHeaderFlag) } : {}),
    ...(flags.removeHeader ? { removeHeaders: flags.removeHeader } : {}),
    ...(flags.allowHost ? { allowHosts: flags.allowHost } : {}),
    ...(flags.timeoutMs !== undefined ? { timeoutMs: flags.timeoutMs } : {}),
  }).catch((err: unknown) => {
    throw err instanceof ApiError ? new ApiError(err.code, rewordReplayMessage(err.message, CLI_WORDS), err.issues) : err;
  });
  return replays;
}

/** The API's refusals name its options; here they name the flags that set them. */
const CLI_WORDS: ReplayOptionWords = {
  secret: 'pass --secret',
  keepSignature: 'pass --no-resign to send the edit with its old signature',
  asCaptured: 'replay it as captured (without --resign)',
};

/** One line per replay: what went where, and what came back; then why it failed, and the handler's answer. */
export function describeReplays(replays: readonly Replay[]): string {
  return replays.map(describeReplay).join('');
}

export function describeReplay(r: Replay): string {
  const how = `${r.mode}${r.edited ? ', edited' : ''}`;
  const outcome = r.error
    ? `failed (${r.error.kind}): ${r.error.message}`
    : `${r.response?.status ?? '-'} in ${r.durationMs.toFixed(0)} ms${r.response?.truncated ? ' (response truncated)' : ''}`;
  const lines = [`#${r.deliveryId} → ${r.request.method} ${r.request.url} (${how}): ${outcome}  [replay ${r.id}]`];
  if (r.diagnosis) lines.push(`  why: ${r.diagnosis}`);
  const answer = responsePreview(r);
  if (answer !== null) lines.push(`  handler answered: ${answer}`);
  return lines.map((line) => `${line}\n`).join('');
}

const PREVIEW_CHARS = 300;

/** The handler's response body on one line (the handler's own words are often the explanation), or null when none came back. */
export function responsePreview(r: Replay): string | null {
  if (!r.response) return null;
  const { bodyText, bodyBase64 } = r.response;
  if (bodyText === null) return `(${Buffer.from(bodyBase64, 'base64').length} bytes, not text)`;
  if (bodyText.length === 0) return '(empty body)';
  const flat = JSON.stringify(bodyText.length > PREVIEW_CHARS ? bodyText.slice(0, PREVIEW_CHARS) : bodyText);
  return bodyText.length > PREVIEW_CHARS ? `${flat} … (${bodyText.length} characters)` : flat;
}

function readBody(file: string): Buffer {
  try {
    return fs.readFileSync(file === '-' ? 0 : file);
  } catch (err) {
    throw new UsageError(`cannot read --body-file ${file}: ${(err as Error).message}`);
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

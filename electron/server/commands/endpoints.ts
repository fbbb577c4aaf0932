// `hookscope endpoints add|list|update|remove`: path prefixes with their provider, secret and response.
import type { Command } from 'commander';
import type { HeaderField } from '../../../shared/domain.js';
import { ApiError } from '../../../shared/api/errors.js';
import { unreadableSecretsNote } from '../../core/index.js';
import { call, intOption, printJson, table, UsageError, withCore, withDbOption, type DbOption, examples } from '../cli-kit.js';

interface EndpointFlags extends DbOption {
  provider?: string;
  secret?: string;
  previousSecret?: string[];
  status?: number;
  delayMs?: number;
  body?: string;
  header?: string[];
  forwardTo?: string;
  relay?: string;
  forward?: string[];
  json?: boolean;
}

export function registerEndpoints(program: Command): void {
  const endpoints = program
    .command('endpoints')
    .description('manage endpoints (path prefixes with a provider, secret and response)')
    .addHelpText('after', examples('hookscope endpoints add /hooks/github --provider github --secret s3cret', 'hookscope endpoints list'));
  withEndpointFlags(withDbOption(endpoints.command('add <path>')))
    .description('add an endpoint')
    .addHelpText('after', examples('hookscope endpoints add /hooks/agiletune --provider agiletune --secret s3cret', 'hookscope endpoints add /hooks/slow --status 500 --delay-ms 2000'))
    .action(async (path: string, flags: EndpointFlags) => {
      await withCore(flags, async (core) => {
        const endpoint = await call(core, 'endpoints.create', { path, ...toInput(flags) });
        if (flags.json) printJson(endpoint);
        else process.stdout.write(`added ${endpoint.path} (${endpoint.provider ?? 'provider detected from headers'}), id ${endpoint.id}\n`);
      });
    });
  withEndpointFlags(withDbOption(endpoints.command('update <path>')))
    .description('change an endpoint')
    .addHelpText('after', examples('hookscope endpoints update /hooks/agiletune --secret n3w --previous-secret s3cret'))
    .action(async (path: string, flags: EndpointFlags) => {
      await withCore(flags, async (core) => {
        const id = await endpointId(core, path);
        const endpoint = await call(core, 'endpoints.update', { id, patch: toInput(flags) });
        if (flags.json) printJson(endpoint);
        else process.stdout.write(`updated ${endpoint.path}\n`);
      });
    });
  withDbOption(endpoints.command('remove <path>'))
    .description('remove an endpoint (its deliveries stay)')
    .addHelpText('after', examples('hookscope endpoints remove /hooks/agiletune'))
    .action(async (path: string, flags: DbOption) => {
      await withCore(flags, async (core) => {
        await call(core, 'endpoints.delete', { id: await endpointId(core, path) });
        process.stdout.write(`removed ${path}\n`);
      });
    });
  withDbOption(endpoints.command('list'))
    .description('list endpoints')
    .addHelpText('after', examples('hookscope endpoints list --json'))
    .option('--json', 'print JSON')
    .option('--show-secrets', 'show the secrets themselves (masked otherwise: whsec_…a1b2)')
    .action(async (flags: DbOption & { json?: boolean; showSecrets?: boolean }) => {
      await withCore(flags, async (core) => {
        const { items } = await call(core, 'endpoints.list', { showSecrets: flags.showSecrets === true });
        for (const e of items) if (e.secretsUnreadable) process.stderr.write(`hookscope: ${unreadableSecretsNote(e)}\n`);
        if (flags.json) return printJson(items);
        if (items.length === 0) return void process.stdout.write('no endpoints yet: hookscope endpoints add /hooks/demo --provider agiletune --secret s3cret\n');
        const rows = items.map((e) => [
          e.path,
          e.provider ?? '(detect)',
          e.secret ?? (e.secretsUnreadable ? '(enter again)' : 'no secret'),
          `${e.response.status}${e.response.delayMs ? ` after ${e.response.delayMs} ms` : ''}`,
          [...e.forwardRules.map((r) => `${r.event} → ${r.url}`), e.forwardTo ? `→ ${e.forwardTo}` : '', e.relay ? `← ${e.relay}` : ''].filter(Boolean).join(' '),
        ]);
        process.stdout.write(`${table([['PATH', 'PROVIDER', 'SECRET', 'RESPONSE', 'FORWARD'], ...rows])}\n`);
      });
    });
}

function withEndpointFlags(cmd: Command): Command {
  return cmd
    .option('--provider <id>', 'provider profile (aptly, agiletune, almirant, workspace, …); omit to detect from headers')
    .option('--secret <secret>', 'signing secret or key')
    .option('--previous-secret <secret>', 'an older secret still accepted during a rotation (repeatable)', collect, undefined)
    .option('--status <n>', 'HTTP status to answer with', intOption('--status', 200, 599))
    .option('--delay-ms <n>', 'wait this long before answering (provoke timeouts)', intOption('--delay-ms', 0, 600_000))
    .option('--body <text>', 'response body')
    .option('--header <"K: V">', 'response header (repeatable)', collect, undefined)
    .option('--forward-to <url>', 'forward every capture to this loopback URL')
    .option('--forward <"EVENT=URL">', "forward captures of this event type (e.g. push, task.*, *) to this loopback URL instead of --forward-to (repeatable; replaces the endpoint's rules; '' clears them)", collect, undefined)
    .option('--relay <smee:URL>', "also receive from a smee.io channel while serve or the app runs (smee:https://smee.io/…; '' to remove)")
    .option('--json', 'print the endpoint as JSON');
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function toInput(flags: EndpointFlags) {
  const response = {
    ...(flags.status !== undefined ? { status: flags.status } : {}),
    ...(flags.delayMs !== undefined ? { delayMs: flags.delayMs } : {}),
    ...(flags.body !== undefined ? { body: flags.body } : {}),
    ...(flags.header ? { headers: flags.header.map(parseHeaderFlag) } : {}),
  };
  return {
    ...(flags.provider !== undefined ? { provider: flags.provider } : {}),
    ...(flags.secret !== undefined ? { secret: flags.secret } : {}),
    ...(flags.previousSecret ? { previousSecrets: flags.previousSecret } : {}),
    ...(flags.forwardTo !== undefined ? { forwardTo: flags.forwardTo } : {}),
    ...(flags.forward ? { forwardRules: flags.forward.filter((r) => r !== '').map(parseForwardRule) } : {}),
    ...(flags.relay !== undefined ? { relay: flags.relay === '' ? null : flags.relay } : {}),
    ...(Object.keys(response).length ? { response } : {}),
  };
}

/** `push=http://localhost:3000/push` → a rule; the event part cannot hold `=`, the URL may. */
export function parseForwardRule(text: string) {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new UsageError(`--forward must look like "EVENT=URL" (e.g. push=http://localhost:3000/push), got "${text}"`);
  return { event: text.slice(0, eq).trim(), url: text.slice(eq + 1).trim() };
}

export function parseHeaderFlag(text: string): HeaderField {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError(`--header must look like "Name: value", got "${text}"`);
  return { name: text.slice(0, colon).trim(), value: text.slice(colon + 1).replace(/^ /, '') };
}

async function endpointId(core: Parameters<Parameters<typeof withCore>[1]>[0], path: string): Promise<number> {
  const { items } = await call(core, 'endpoints.list', {});
  const normalized = `/${path.replace(/^\/+/, '').replace(/\/+$/, '')}`;
  const found = items.find((e) => e.path === normalized);
  if (!found) throw new ApiError('not-found', `no endpoint with path ${normalized} (see: hookscope endpoints list)`);
  return found.id;
}

// `hookscope providers list|show|check|snippet`: the built-in and custom providers (each payload marked
// against its document, each vague point of the document with our reading), a check of a provider file
// (naming the field at fault), and a copyable verification snippet for a handler.
import type { Command } from 'commander';
import { handlerSnippet } from '../../../shared/providers/snippets.js';
import { requireProvider, UnknownProviderError } from '../../../shared/providers/registry.js';
import { checkProviderFile, customProviderDirs, loadCustomProviders } from '../../core/index.js';
import { call, printJson, table, UsageError, withCore, withDbOption, type DbOption, examples } from '../cli-kit.js';
import { describeProvider, fidelityCounts } from './provider-text.js';

export function registerProviders(program: Command): void {
  const providers = program
    .command('providers')
    .description('provider profiles: list them, check a custom provider file, get a handler snippet')
    .addHelpText('after', examples('hookscope providers list', 'hookscope providers snippet stripe --lang node'));

  withDbOption(providers.command('list'))
    .description(`list providers (custom ones are read from ${customProviderDirs().join(', ')})`)
    .addHelpText('after', examples('hookscope providers list --json'))
    .option('--json', 'print JSON')
    .action(async (flags: DbOption & { json?: boolean }) => {
      await withCore(flags, async (core) => {
        const { items } = await call(core, 'providers.list', {});
        for (const error of core.ctx.providerErrors) process.stderr.write(`hookscope: skipped provider file ${error}\n`);
        if (flags.json) return printJson(items);
        const rows = items.map((p) => [p.id, p.name, p.scheme, `${p.events.length} events`, fidelityCounts(p), p.readings.length ? String(p.readings.length) : '-']);
        process.stdout.write(`${table([['ID', 'NAME', 'SIGNATURE', 'CATALOGUE', 'PAYLOADS', 'READINGS'], ...rows])}\n`);
      });
    });

  withDbOption(providers.command('show <id>'))
    .description('one provider: its scheme, notes, catalogue (each payload marked documented/extended/invented) and readings of its document')
    .addHelpText('after', examples('hookscope providers show agiletune', 'hookscope providers show workspace --json'))
    .option('--json', 'print JSON (the same object as one item of `providers list --json`)')
    .action(async (id: string, flags: DbOption & { json?: boolean }) => {
      await withCore(flags, async (core) => {
        const { items } = await call(core, 'providers.list', {});
        const provider = items.find((p) => p.id === id);
        if (!provider) throw new UsageError(`unknown provider "${id}" (known: ${items.map((p) => p.id).join(', ')})`);
        if (flags.json) return printJson(provider);
        process.stdout.write(describeProvider(provider));
      });
    });

  providers
    .command('check <file>')
    .description('check a custom provider file (JSON or YAML); exit 2 naming the field when it is wrong')
    .addHelpText('after', examples('hookscope providers check examples/providers/acme.yaml'))
    .action((file: string) => {
      let spec;
      try {
        spec = checkProviderFile(file);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      process.stdout.write(`${file}: ok — provider "${spec.id}" (${spec.name}), ${spec.events.length} events\n`);
    });

  providers
    .command('snippet <id>')
    .description('print a handler snippet that verifies this provider\'s signature')
    .addHelpText('after', examples('hookscope providers snippet github --lang python'))
    .option('--lang <language>', 'node or python', 'node')
    .action((id: string, flags: { lang: string }) => {
      if (flags.lang !== 'node' && flags.lang !== 'python') throw new UsageError(`--lang must be node or python, got "${flags.lang}"`);
      loadCustomProviders();
      try {
        requireProvider(id);
      } catch (err) {
        if (err instanceof UnknownProviderError) throw new UsageError(err.message);
        throw err;
      }
      process.stdout.write(`${handlerSnippet(id, flags.lang)}\n`);
    });
}

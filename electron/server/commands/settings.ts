// `hookscope settings list|get KEY|set KEY VALUE|unset KEY`: settings kept in the database
// (retention.keep, retention.maxAge, retention.maxBytes; tunnel.engine, tunnel.ngrokAuthtoken, which
// is stored sealed and shown masked). serve and the app apply them in the background (retention within
// 30 s and the tunnel within 5 s when changed from another process, at once from the UI).
import type { Command } from 'commander';
import { SETTING_KEYS, isSettingKey, type SettingKey } from '../../../shared/settings.js';
import { call, printJson, table, UsageError, withCore, withDbOption, type DbOption, examples } from '../cli-kit.js';

function keyOf(text: string): SettingKey {
  if (!isSettingKey(text)) throw new UsageError(`unknown setting "${text}": one of ${SETTING_KEYS.join(', ')}`);
  return text;
}

export function registerSettings(program: Command): void {
  const settings = program.command('settings').description('settings kept in the database (retention, tunnel)')
    .addHelpText('after', examples('hookscope settings list', 'hookscope settings set retention.maxAge 30d', 'hookscope settings set tunnel.engine cloudflared'));
  withDbOption(settings.command('list'))
    .description('every setting with its value')
    .addHelpText('after', examples('hookscope settings list --json'))
    .option('--json', 'print JSON')
    .action(async (flags: DbOption & { json?: boolean }) => {
      await withCore(flags, async (core) => {
        const { items } = await call(core, 'settings.list', {});
        if (flags.json) return printJson(items);
        process.stdout.write(`${table(items.map((s) => [s.key, s.value ?? '(not set)', s.description]))}\n`);
      });
    });
  withDbOption(settings.command('get <key>'))
    .description('one setting\'s value (empty when not set)')
    .addHelpText('after', examples('hookscope settings get retention.keep'))
    .option('--json', 'print JSON')
    .action(async (key: string, flags: DbOption & { json?: boolean }) => {
      const wanted = keyOf(key);
      await withCore(flags, async (core) => {
        const found = (await call(core, 'settings.list', {})).items.find((s) => s.key === wanted)!;
        if (flags.json) return printJson(found);
        process.stdout.write(`${found.value ?? ''}\n`);
      });
    });
  withDbOption(settings.command('set <key> <value>'))
    .description('store a setting, e.g. settings set retention.keep 100000')
    .addHelpText('after', examples('hookscope settings set retention.keep 100000', 'hookscope settings set retention.maxBytes 2GB'))
    .action(async (key: string, value: string, flags: DbOption) => {
      const wanted = keyOf(key);
      await withCore(flags, async (core) => {
        const stored = await call(core, 'settings.set', { key: wanted, value });
        process.stdout.write(`${stored.key} = ${stored.value}\n`);
      });
    });
  withDbOption(settings.command('unset <key>'))
    .description('back to the default (keep everything; no tunnel)')
    .addHelpText('after', examples('hookscope settings unset retention.maxAge'))
    .action(async (key: string, flags: DbOption) => {
      const wanted = keyOf(key);
      await withCore(flags, async (core) => {
        await call(core, 'settings.set', { key: wanted, value: null });
        process.stdout.write(`${wanted} is not set\n`);
      });
    });
}

// `hookscope clear [--endpoint PATH] --yes`: removes every delivery, or one endpoint's. Without --yes
// it refuses (exit 2): removing everything is never one typo away.
import type { Command } from 'commander';
import { call, printJson, UsageError, withCore, withDbOption, type DbOption, examples } from '../cli-kit.js';

export function registerClear(program: Command): void {
  withDbOption(program.command('clear'))
    .description('remove all deliveries (or one endpoint\'s) and their replays; needs --yes')
    .addHelpText('after', examples('hookscope clear --yes', 'hookscope clear --endpoint /hooks/github --yes'))
    .option('--endpoint <path>', 'only the deliveries of this endpoint (its path, as in `endpoints list`)')
    .option('--yes', 'really remove them')
    .option('--json', 'print {deleted}')
    .action(async (flags: DbOption & { endpoint?: string; yes?: boolean; json?: boolean }) => {
      if (!flags.yes) {
        const what = flags.endpoint ? `every delivery of ${flags.endpoint}` : 'every delivery';
        throw new UsageError(`clear removes ${what} for good: run it again with --yes`);
      }
      await withCore(flags, async (core) => {
        const result = await call(core, 'deliveries.clear', { endpoint: flags.endpoint });
        if (flags.json) return printJson(result);
        process.stdout.write(`removed ${result.deleted} deliveries${flags.endpoint ? ` of ${flags.endpoint}` : ''}\n`);
      });
    });
}

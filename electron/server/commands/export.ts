// `hookscope export <id...> --format har|json|curl [--redact]`: deliveries for another tool, a bug
// report or a teammate, on stdout.
import { Option, type Command } from 'commander';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/export/index.js';
import { call, intOption, withCore, withDbOption, type DbOption, examples } from '../cli-kit.js';

interface ExportFlags extends DbOption {
  format: ExportFormat;
  redact?: boolean;
  to?: string;
}

export function registerExport(program: Command): void {
  withDbOption(program.command('export <id...>'))
    .description('export deliveries as HAR 1.2, Hookscope JSON or cURL commands (to stdout)')
    .addHelpText('after', examples('hookscope export 42 --format curl --redact', 'hookscope export 41 42 --format har > deliveries.har'))
    .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).makeOptionMandatory())
    .option('--redact', 'hide signature and credential headers (Authorization, Cookie, X-Api-Key, X-Auth-Token…), credential query and form fields (token, key, secret, sig…) and the endpoint\'s secrets')
    .option('--to <url>', 'for curl and har: the URL to send to (same path rule as replay --to)')
    .action(async (idTexts: string[], flags: ExportFlags) => {
      const ids = idTexts.map((text) => intOption('<id>', 1)(text));
      await withCore(flags, async (core) => {
        const out = await call(core, 'export.deliveries', { ids, format: flags.format, redact: flags.redact ?? false, ...(flags.to ? { target: flags.to } : {}) });
        process.stdout.write(out.content);
      });
    });
}

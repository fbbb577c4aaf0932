// `hookscope prune [--keep N] [--older-than DURATION] [--max-bytes SIZE] [--vacuum] [--json]`: removes
// the oldest deliveries now, in short slices (safe while `serve` runs), and gives the space back.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { formatBytes, parseDuration } from '../../../shared/units.js';
import type { Core } from '../../core/index.js';
import { byteSizeOption, call, intOption, printJson, UsageError, withCore, withDbOption, type DbOption, examples } from '../cli-kit.js';

interface PruneFlags extends DbOption {
  keep?: number;
  olderThan?: number;
  maxBytes?: number;
  vacuum?: boolean;
  json?: boolean;
}

function durationOption(value: string): number {
  const ms = parseDuration(value);
  if (ms === null || ms < 1) throw new InvalidArgumentError(`expected a duration such as 30d, 12h or 90m, got "${value}"`);
  return ms;
}

export function registerPrune(program: Command): void {
  withDbOption(program.command('prune'))
    .description('remove the oldest deliveries (with their replays) and give the space back to the OS')
    .addHelpText('after', examples('hookscope prune --keep 100000', 'hookscope prune --older-than 30d --json'))
    .option('--keep <n>', 'keep the newest N deliveries', intOption('--keep', 0))
    .option('--older-than <duration>', 'remove deliveries older than this (e.g. 30d, 12h, 90m)', durationOption)
    .option('--max-bytes <size>', 'remove the oldest while the database uses more than this (e.g. 2GB)', byteSizeOption)
    .option('--vacuum', 'then rewrite the whole file (databases created before v0.1 retention: switches on incremental vacuum; stop serve first)')
    .option('--json', 'print {removed, kept, dbBytesBefore, dbBytesAfter}')
    .action(async (flags: PruneFlags) => {
      const rules = { keep: flags.keep, olderThanMs: flags.olderThan, maxBytes: flags.maxBytes };
      const asked = Object.values(rules).some((v) => v !== undefined);
      if (!asked && !flags.vacuum) throw new UsageError('prune needs --keep N, --older-than DURATION or --max-bytes SIZE (or --vacuum)');
      await withCore(flags, async (core) => {
        const before = core.ctx.store.retention.dbBytes();
        let result = asked
          ? await call(core, 'deliveries.prune', rules)
          : { removed: 0, kept: core.ctx.store.retention.count(), dbBytesBefore: before, dbBytesAfter: before };
        if (flags.vacuum) result = { ...result, dbBytesAfter: vacuum(core) };
        if (flags.json) return printJson(result);
        process.stdout.write(
          `removed ${result.removed} deliveries, kept ${result.kept}; database ${formatBytes(result.dbBytesBefore)} → ${formatBytes(result.dbBytesAfter)}\n`,
        );
        if (!core.ctx.store.retention.canGiveBackSpace()) {
          process.stderr.write('hookscope: this database predates incremental vacuum: freed space is reused by new captures; run `hookscope prune --vacuum` once, with serve stopped, to give it back to the OS\n');
        }
      });
    });
}

/**
 * A full VACUUM: rewrites the file with only the pages in use, and switches a database created before
 * incremental vacuum over to it. It holds the database for its whole length (and needs free space
 * for a second copy), which is why it is asked for explicitly and not run in the background.
 */
function vacuum(core: Core): number {
  const { db, retention } = core.ctx.store;
  db.pragma('auto_vacuum = INCREMENTAL');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return retention.dbBytes();
}

// `hookscope app`: the desktop app when it can run here, else one line saying why (and how to get it)
// and the headless UI (`hookscope serve`, with the same options). `npm start` runs this after building.
import type { Command } from 'commander';
import { examples } from '../cli-kit.js';
import { openDesktop, whyDesktopCannotRun } from '../desktop.js';
import { serve, withServeOptions, type ServeOptions } from './serve.js';

export function registerApp(program: Command): void {
  withServeOptions(program.command('app'))
    .description('open the desktop app; where it cannot run, say why and start the headless UI (serve\'s options apply then)')
    .option('--headless', 'skip the desktop app: start the headless UI')
    .addHelpText('after', examples('hookscope app              # the desktop app, or else the headless UI on ports 4747/4748', 'hookscope app --headless --ui-port 0'))
    .action(async (opts: ServeOptions & { headless?: boolean }) => {
      const problem = opts.headless ? 'headless mode requested' : (whyDesktopCannotRun() ?? (await openDesktop()));
      process.stderr.write(`hookscope: ${problem}; starting the headless UI instead (hookscope serve).\n`);
      await serve(opts);
    });
}

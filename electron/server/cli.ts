#!/usr/bin/env node
// `hookscope`: the CLI. Every command is registered from its own module; this file only wires the
// program and turns errors into the exit-code rule (0 ok, 1 failure, 2 bad usage, one line on stderr).
import { Command, CommanderError } from 'commander';
import { VERSION } from '../../shared/version.js';
import { exitCodeOf } from './cli-kit.js';
import { registerDeliveries } from './commands/deliveries.js';
import { registerDiff } from './commands/diff.js';
import { registerEndpoints } from './commands/endpoints.js';
import { registerProviders } from './commands/providers.js';
import { registerExport } from './commands/export.js';
import { registerReplay } from './commands/replay.js';
import { registerSend } from './commands/send.js';
import { registerServe } from './commands/serve.js';
import { registerService } from './commands/service.js';
import { registerVerify } from './commands/verify.js';

export function buildProgram(): Command {
  const program = new Command('hookscope')
    .description('Capture, verify, mock-send, replay and diff webhooks on your own machine.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerServe(program);
  registerEndpoints(program);
  registerDeliveries(program);
  registerVerify(program);
  registerProviders(program);
  registerReplay(program);
  registerDiff(program);
  registerExport(program);
  registerSend(program);
  registerService(program); // issue #21
  for (const cmd of program.commands) exitOverrideDeep(cmd);
  return program;
}

function exitOverrideDeep(cmd: Command): void {
  cmd.exitOverride();
  for (const sub of cmd.commands) exitOverrideDeep(sub);
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and --version "fail" with exit code 0; anything else commander rejects is bad usage.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    const { code, message } = exitCodeOf(err);
    process.stderr.write(`hookscope: ${message}\n`);
    process.exitCode = code;
  }
}

await main(process.argv);

#!/usr/bin/env node
// `hookscope`: the CLI. This file only wires the program and turns errors into the exit-code rule
// (0 ok, 1 failure, 2 bad usage, one line on stderr).
//
// Commands load lazily, so each one pays only for what it uses (`stats` never loads the sender, the UI
// server or the renderer's files): COMMANDS maps every top-level command name to the module that
// registers it, and only the module of the command being run is imported (all of them for the
// overall --help and for a name that matches none, so the suggestion can name the closest).
// Adding a command is one line here:   name: () => import('./commands/name.js').then((m) => m.registerName),
// where commands/name.ts exports `registerName(program)` declaring the command, its options, its
// --help example, and its action. A module that registers several commands is listed under each name.
import { Command, CommanderError } from 'commander';
import * as z from 'zod';
import { VERSION } from '../../shared/version.js';
import { examples, exitCodeOf } from './cli-kit.js';
import { closestName } from './suggest.js';

type Register = (program: Command) => void;

// zod compiles a fast parser (new Function) for each object schema on its first parse: worth it in a
// long-running process, not in a command that parses one input (~3 ms of `deliveries`' start; issue #13).
z.config({ jitless: true });

const deliveries = () => import('./commands/deliveries.js').then((m) => m.registerDeliveries);
const send = () => import('./commands/send.js').then((m) => m.registerSend);

const COMMANDS: Record<string, () => Promise<Register>> = {
  serve: () => import('./commands/serve.js').then((m) => m.registerServe),
  app: () => import('./commands/app.js').then((m) => m.registerApp),
  endpoints: () => import('./commands/endpoints.js').then((m) => m.registerEndpoints),
  deliveries,
  show: deliveries,
  stats: deliveries,
  reverify: deliveries,
  verify: () => import('./commands/verify.js').then((m) => m.registerVerify),
  providers: () => import('./commands/providers.js').then((m) => m.registerProviders),
  replay: () => import('./commands/replay.js').then((m) => m.registerReplay),
  diff: () => import('./commands/diff.js').then((m) => m.registerDiff),
  export: () => import('./commands/export.js').then((m) => m.registerExport),
  send,
  sends: send,
  check: () => import('./commands/check.js').then((m) => m.registerCheck),
  prune: () => import('./commands/prune.js').then((m) => m.registerPrune),
  clear: () => import('./commands/clear.js').then((m) => m.registerClear),
  backup: () => import('./commands/backup.js').then((m) => m.registerBackup),
  settings: () => import('./commands/settings.js').then((m) => m.registerSettings),
  service: () => import('./commands/service.js').then((m) => m.registerService),
};

/** The program with the commands `argv` needs: the one it names, or every one. */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('hookscope')
    .description('Capture, verify, mock-send, replay and diff webhooks on your own machine.')
    .version(VERSION)
    .configureOutput({ outputError: () => {} }) // main() prints the one line
    .addHelpText('after', `${examples('hookscope serve', 'hookscope deliveries --json --limit 5', 'hookscope stats --help   # every command has --help with examples')}`)
    .exitOverride();
  const named = argv[2];
  const loaders = named !== undefined && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named]!] : wantsNoCommand(named) ? [] : Object.values(COMMANDS);
  const registers = new Set(await Promise.all([...new Set(loaders)].map((load) => load())));
  for (const register of registers) register(program);
  for (const cmd of program.commands) exitOverrideDeep(cmd);
  return program;
}

/** `hookscope --version` needs no command at all. */
function wantsNoCommand(arg: string | undefined): boolean {
  return arg === '--version' || arg === '-V';
}

function exitOverrideDeep(cmd: Command): void {
  cmd.configureOutput({ outputError: () => {} });
  // Keep the command on the error: the one-line message names its valid commands and options.
  cmd.exitOverride((err) => {
    throw Object.assign(err, { command: cmd });
  });
  for (const sub of cmd.commands) exitOverrideDeep(sub);
}

export async function main(argv: string[]): Promise<void> {
  try {
    const program = await buildProgram(argv);
    program.exitOverride((err) => {
      throw Object.assign(err, { command: program });
    });
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and --version "fail" with exit code 0; anything else commander rejects is bad usage.
      if (err.exitCode === 0) return void (process.exitCode = 0);
      // No command given: commander already printed the help to stderr.
      if (err.code === 'commander.help') return void (process.exitCode = 2);
      process.stderr.write(`hookscope: ${usageLine(err)}\n`);
      process.exitCode = 2;
      return;
    }
    const { code, message } = exitCodeOf(err);
    process.stderr.write(`hookscope: ${message}\n`);
    process.exitCode = code;
  }
}

/** Commander's message on one line, naming the closest valid command or option. */
function usageLine(err: CommanderError & { command?: Command }): string {
  const message = err.message.replace(/^error: /, '').split('\n')[0]!.trim();
  const cmd = err.command;
  if (!cmd) return message;
  const unknownCommand = /^unknown command '(.*)'$/.exec(message);
  if (err.code === 'commander.unknownCommand' && unknownCommand) {
    const names = cmd.commands.map((c) => c.name());
    return `${message}: did you mean "${closestName(unknownCommand[1]!, names)}"? (hookscope ${commandPath(cmd)}--help lists them)`;
  }
  const unknownOption = /^unknown option '([^'=]*)/.exec(message);
  if (err.code === 'commander.unknownOption' && unknownOption) {
    const names = [...cmd.options.flatMap((o) => [o.long, o.short]), '--help'].filter((n): n is string => !!n);
    return `${message}: did you mean "${closestName(unknownOption[1]!, names)}"? (hookscope ${commandPath(cmd)}--help lists them)`;
  }
  return message;
}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.length ? `${names.join(' ')} ` : '';
}

// Not awaited at the top level: the built CLI is CommonJS (see scripts/build-cli.mjs); main never rejects.
void main(process.argv);

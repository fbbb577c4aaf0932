// CLI manners: --version, --help with an example for every command and subcommand, and a mistyped
// command or option exits 2 with one line naming the closest valid one.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';

/** Command names listed in the "Commands:" section of a help text (without `help`). */
function commandsIn(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1] ?? '';
  return section
    .split('\n')
    .map((line) => /^ {2}(\S+)/.exec(line)?.[1])
    .filter((name): name is string => !!name && name !== 'help');
}

describe('hookscope --help', () => {
  it('every command and subcommand has --help with an example', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    const commands = commandsIn(top.stdout);
    expect(commands).toEqual(expect.arrayContaining(['serve', 'app', 'deliveries', 'stats', 'endpoints', 'send', 'sends', 'replay']));
    const helps = new Map<string, string>();
    const readHelp = async (p: string[]) => {
      const help = await runCli([...p, '--help']);
      expect(help.code, p.join(' ')).toBe(0);
      helps.set(p.join(' '), help.stdout);
      return help.stdout;
    };
    const subcommands: string[][] = [];
    for (const c of commands) subcommands.push(...commandsIn(await readHelp([c])).map((sub) => [c, sub]));
    for (const p of subcommands) await readHelp(p);
    expect(helps.size).toBeGreaterThan(commands.length); // subcommands were found too
    const missing = [...helps].filter(([, help]) => !/\nExamples:\n {2}\$ hookscope /.test(help)).map(([p]) => p);
    expect(missing).toEqual([]);
  }, 300_000);

  it('--version prints the version and exits 0', async () => {
    const out = await runCli(['--version']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('mistyped commands and options', () => {
  it('an unknown command exits 2 with one line naming the closest command', async () => {
    const out = await runCli(['stast', '--json']);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('hookscope: unknown command \'stast\': did you mean "stats"? (hookscope --help lists them)\n');
  });

  it('an unknown subcommand names the closest subcommand', async () => {
    const out = await runCli(['endpoints', 'lst']);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe('hookscope: unknown command \'lst\': did you mean "list"? (hookscope endpoints --help lists them)\n');
  });

  it('an unknown option exits 2 with one line naming the closest option of that command', async () => {
    const out = await runCli(['deliveries', '--limt', '5']);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe('hookscope: unknown option \'--limt\': did you mean "--limit"? (hookscope deliveries --help lists them)\n');
  });
});

// The setup every sender test shares, declared once per file with `const fx = useSenderFixture()`:
// a fresh core on a temporary database for each test (opened on first use), scripted handlers, and
// extra cores for restart tests. Everything a test opened is closed after it, pass or fail, handlers
// first so a hanging one cannot hold a closing core; temporary files go once the file is done.
import { afterAll, afterEach } from 'vitest';
import { removeTempDirs } from '../../../support/temp.js';
import { startHandler, type Reply, type ScriptedHandler } from './handler.js';
import { openSenderCore, type SenderCore } from './sender.js';

export interface SenderFixture {
  /** This test's core, opened on first use. */
  readonly sender: SenderCore;
  /** Opens another core, e.g. on an earlier core's `dbFile` with `resume` to play its schedule on. */
  open(opts?: { dbFile?: string; resume?: boolean }): SenderCore;
  /** Starts a handler answering by `script` (see handler.ts). */
  startHandler(script: (n: number) => Reply, host?: string): Promise<ScriptedHandler>;
}

export function useSenderFixture(): SenderFixture {
  const handlers: ScriptedHandler[] = [];
  const cores: SenderCore[] = [];
  let current: SenderCore | undefined;

  afterEach(async () => {
    current = undefined;
    for (const handler of handlers.splice(0)) await handler.close();
    for (const core of cores.splice(0)) await core.close();
  });
  afterAll(removeTempDirs);

  const open = (opts: { dbFile?: string; resume?: boolean } = {}) => {
    const core = openSenderCore(opts);
    cores.push(core);
    return core;
  };
  return {
    get sender() {
      return (current ??= open());
    },
    open,
    startHandler: async (script, host) => {
      const handler = await startHandler(script, host);
      handlers.push(handler);
      return handler;
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

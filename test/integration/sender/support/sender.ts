// An in-process core on a temporary SQLite file with its send scheduler started, driven through the
// API dispatcher exactly as the CLI and the UI drive it.
import type { SendDetail, SendRun, SendStartInput } from '../../../../shared/api/sender.js';
import { openCore, type Core } from '../../../../electron/core/core.js';
import { startSendScheduler } from '../../../../electron/core/scheduler/scheduler.js';
import { tempDbFile } from '../../../support/temp.js';

export interface SenderCore {
  core: Core;
  dbFile: string;
  /** Starts a batch and waits until it ended; returns its runs in batch order. */
  send(input: SendStartInput): Promise<SendRun[]>;
  /** Starts a batch and returns at once. */
  start(input: SendStartInput): Promise<{ batchId: number; items: SendRun[] }>;
  get(id: number): Promise<SendDetail>;
  close(): Promise<void>;
}

export function openSenderCore(opts: { dbFile?: string; resume?: boolean } = {}): SenderCore {
  const dbFile = opts.dbFile ?? tempDbFile();
  const core = openCore({ dbFile });
  startSendScheduler(core, { resume: opts.resume ?? false });
  const start = async (input: SendStartInput, wait: boolean) =>
    (await core.dispatch('send.start', { ...input, wait })) as { batchId: number; items: SendRun[] };
  return {
    core,
    dbFile,
    send: async (input) => (await start(input, true)).items,
    start: (input) => start(input, false),
    get: async (id) => (await core.dispatch('sends.get', { id })) as SendDetail,
    close: () => core.close(),
  };
}

export const MIN = 60_000;
export const VIRTUAL = { kind: 'virtual' } as const;

// An in-process core with a live receiver on 127.0.0.1:0 and a temporary SQLite file.
import { openCore, startCoreReceiver, type Core } from '../../electron/core/core.js';
import type { Receiver } from '../../electron/core/receiver/receiver.js';
import { tempDbFile } from './temp.js';

export interface TestCore {
  core: Core;
  receiver: Receiver;
  dbFile: string;
  close(): Promise<void>;
}

export async function startTestCore(opts: { maxBodyBytes?: number; dbFile?: string } = {}): Promise<TestCore> {
  const dbFile = opts.dbFile ?? tempDbFile();
  const core = openCore({ dbFile, maxBodyBytes: opts.maxBodyBytes });
  const receiver = await startCoreReceiver(core, { port: 0 });
  return { core, receiver, dbFile, close: () => core.close() };
}

// A core host as a real child process: electron/host/index.ts forked under Node (tsx loads the
// TypeScript), speaking the same protocol the desktop app speaks to its utilityProcess.
import path from 'node:path';
import { HostClient, type HostClientOptions, type HostProcess } from '../../electron/host/host-client.js';
import { forkNodeHost } from '../../electron/host/node-process.js';
import type { HostReady, HostStartOptions } from '../../electron/host/protocol.js';
import { ROOT } from './cli.js';
import { tempDbFile } from './temp.js';

export const HOST_ENTRY = path.join(ROOT, 'electron/host/index.ts');

export function spawnTestHost(): HostProcess {
  return forkNodeHost({ entry: HOST_ENTRY, execArgv: ['--import', 'tsx'] });
}

export interface TestHost {
  client: HostClient;
  ready: HostReady;
  dbFile: string;
  close(): Promise<void>;
}

export async function startTestHost(options: Partial<HostStartOptions> = {}, clientOptions: HostClientOptions = {}): Promise<TestHost> {
  const dbFile = options.dbFile ?? tempDbFile();
  const { client, ready } = await HostClient.start(spawnTestHost(), { receiverPort: 0, ...options, dbFile }, clientOptions);
  return { client, ready, dbFile, close: () => client.close() };
}

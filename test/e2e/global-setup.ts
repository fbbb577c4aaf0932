// Builds the renderer before the run (about a second), unless HOOKSCOPE_E2E_SKIP_BUILD=1 says the
// caller just did (npm test builds first); the CLI that serves it is rebuilt whenever it is stale.
import { build } from 'vite';
// @ts-expect-error: a plain .mjs build script without types
import { ensureCliBuilt } from '../../scripts/build-cli.mjs';
import { ROOT } from '../support/cli.js';

export default async function globalSetup(): Promise<void> {
  await ensureCliBuilt();
  if (process.env.HOOKSCOPE_E2E_SKIP_BUILD === '1') return;
  await build({ configFile: `${ROOT}/vite.config.ts`, logLevel: 'warn' });
}

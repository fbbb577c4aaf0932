// Builds the renderer before the run (about a second), unless HOOKSCOPE_E2E_SKIP_BUILD=1 says the
// caller just did (npm test builds first).
import { build } from 'vite';
import { ROOT } from '../support/cli.js';

export default async function globalSetup(): Promise<void> {
  if (process.env.HOOKSCOPE_E2E_SKIP_BUILD === '1') return;
  await build({ configFile: `${ROOT}/vite.config.ts`, logLevel: 'warn' });
}

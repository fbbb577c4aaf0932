// vitest's global setup: builds the CLI (dist/cli) when a source changed since the last build, so
// the tests that spawn `hookscope` never run a stale one. About a second when it builds, a few
// milliseconds when it is up to date.
// @ts-expect-error: a plain .mjs build script without types
import { ensureCliBuilt } from '../../scripts/build-cli.mjs';

export default async function setup(): Promise<void> {
  await ensureCliBuilt();
}

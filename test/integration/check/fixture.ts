// A core on a temporary database for the check's tests, and the secret each scheme takes.
import { openCore, type Core } from '../../../electron/core/core.js';
import type { CheckReport, CheckRunInput } from '../../../shared/api/check.js';
import type { ProviderSpec } from '../../../shared/providers/spec.js';
import { tempDbFile } from '../../support/temp.js';

export interface TestCore {
  core: Core;
  close(): Promise<void>;
}

export function openTestCore(): TestCore {
  const core = openCore({ dbFile: tempDbFile() });
  return { core, close: () => core.close() };
}

export async function runCheck(fx: TestCore, input: Omit<CheckRunInput, 'wait'>): Promise<CheckReport> {
  const { report } = (await fx.core.dispatch('check.run', { ...input, wait: true })) as { report: CheckReport };
  return report;
}

/** A whsec_ secret for the schemes that decode theirs, a mixed-case text secret for the others. */
export function secretFor(spec: ProviderSpec): string {
  return spec.signature.kind === 'hmac' && spec.signature.secretEncoding !== 'utf8' ? 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' : 'Handler-Check-Secret-42';
}

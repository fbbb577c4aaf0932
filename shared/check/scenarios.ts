// The handler check's suite, as data: each scenario says what it sends, what a correct handler does
// with it, which parts of a provider's scheme it needs (so a custom provider gets exactly the ones that
// apply) and which scenario it builds on. `planChecks` turns the catalogue into one provider's plan:
// every scenario, each either to run or skipped with the reason. Pure: the core sends, this decides.
import type { ProviderSpec } from '../providers/spec.js';
import { timestampToleranceSec } from '../verify/signature-format.js';
import { CHECK_IDS, type CheckId } from './ids.js';

export { CHECK_IDS, type CheckId };

/** What a correct handler does: acknowledge by the provider's success rule, or refuse with a 4xx. */
export type Expectation = 'accepted' | 'rejected';

/** Parts of a scheme a scenario needs; each names, when missing, why the scenario does not apply. */
export type Requirement = 'hmac' | 'static-key' | 'signed-body' | 'timestamp-tolerance' | 'signed-timestamp' | 'out-of-order-possible' | 'key-has-letters';

export interface Scenario {
  id: CheckId;
  title: string;
  expect: Expectation;
  requires: Requirement[];
  /** Runs only when this scenario passed: otherwise the same flaw would be reported twice. */
  after?: CheckId;
  /** What a correct handler does, as the report's `expected` says it. */
  expected: string;
}

/** A large event's size when the provider documents no maximum of its own. */
export const LARGE_EVENT_BYTES = 1024 * 1024;

export const SCENARIOS: readonly Scenario[] = [
  { id: 'signed-accepted', title: 'A correctly signed event is accepted in time', expect: 'accepted', requires: [], expected: 'accepted ({rule}) within the {timeout} timeout' },
  { id: 'wrong-secret', title: 'Signed with another secret: rejected', expect: 'rejected', requires: ['hmac'], expected: 'rejected with a 4xx' },
  { id: 'wrong-key', title: 'A wrong key: rejected', expect: 'rejected', requires: ['static-key'], expected: 'rejected with a 4xx' },
  { id: 'key-case', title: 'The key in other letter case: rejected', expect: 'rejected', requires: ['static-key', 'key-has-letters'], expected: 'rejected with a 4xx' },
  { id: 'missing-signature', title: 'No signature header: rejected', expect: 'rejected', requires: [], expected: 'rejected with a 4xx' },
  { id: 'empty-signature', title: 'An empty signature header: rejected', expect: 'rejected', requires: [], expected: 'rejected with a 4xx' },
  { id: 'body-byte-changed', title: 'One byte of the body changed after signing: rejected', expect: 'rejected', requires: ['hmac', 'signed-body'], expected: 'rejected with a 4xx' },
  { id: 'body-whitespace-changed', title: 'Only whitespace of the body changed after signing: rejected', expect: 'rejected', requires: ['hmac', 'signed-body'], expected: 'rejected with a 4xx' },
  { id: 'stale-timestamp', title: 'A correctly signed request with a stale timestamp: rejected', expect: 'rejected', requires: ['hmac', 'timestamp-tolerance'], expected: 'rejected with a 4xx (the timestamp is {stale} old; the tolerance is {tolerance})' },
  { id: 'timestamp-replayed', title: 'A valid signature replayed under a new timestamp: rejected', expect: 'rejected', requires: ['hmac', 'signed-timestamp'], expected: 'rejected with a 4xx' },
  { id: 'duplicate-acknowledged', title: 'The same event delivered twice: acknowledged both times', expect: 'accepted', requires: [], after: 'signed-accepted', expected: 'both deliveries accepted ({rule})' },
  { id: 'out-of-order-acknowledged', title: 'Two updates of one record in reverse order: both acknowledged', expect: 'accepted', requires: ['out-of-order-possible'], after: 'signed-accepted', expected: 'both updates accepted ({rule})' },
  { id: 'large-event-accepted', title: 'A large event is accepted in time', expect: 'accepted', requires: [], after: 'signed-accepted', expected: 'a {size} event accepted ({rule}) within the {timeout} timeout' },
];

/** How old the stale-timestamp check's timestamp is: twice the tolerance and a minute, clearly outside it. */
export function staleSeconds(spec: ProviderSpec): number {
  return 2 * (timestampToleranceSec(spec) ?? 0) + 60;
}

export function scenarioById(id: CheckId): Scenario {
  return SCENARIOS.find((s) => s.id === id)!;
}

/** Why `spec` lacks what `requirement` needs, or null when it has it. */
export function missingRequirement(spec: ProviderSpec, requirement: Requirement, secret: string | null): string | null {
  const sig = spec.signature;
  switch (requirement) {
    case 'hmac':
      return sig.kind === 'hmac' ? null : `${spec.name} sends a static key (${sig.header}), not a signature computed with a secret`;
    case 'static-key':
      return sig.kind === 'static-key' ? null : `${spec.name} signs with HMAC; a static key is not part of its scheme`;
    case 'signed-body':
      return sig.kind === 'hmac' && sig.signedPayload.includes('{body}') ? null : `${spec.name}'s signature does not cover the body`;
    case 'timestamp-tolerance':
      if (timestampToleranceSec(spec) !== null) return null;
      return spec.timestamp
        ? `${spec.name} sets no tolerance on ${spec.timestamp.header}${signsTimestamp(spec) ? '' : ' and does not sign it'}, so a stale timestamp proves nothing`
        : `${spec.name} sends no timestamp`;
    case 'signed-timestamp':
      if (signsTimestamp(spec)) return null;
      return spec.timestamp ? `${spec.name} does not sign ${spec.timestamp.header}, so changing it cannot be detected` : `${spec.name} sends no timestamp`;
    case 'out-of-order-possible':
      return spec.retry.inOrder ? `${spec.name} delivers events in the order they happen` : null;
    case 'key-has-letters':
      return secret !== null && secret.toLowerCase() !== secret.toUpperCase() ? null : 'the key has no letters to change the case of';
  }
}

function signsTimestamp(spec: ProviderSpec): boolean {
  return spec.signature.kind === 'hmac' && spec.signature.signedPayload.includes('{timestamp}');
}

export interface PlannedCheck {
  scenario: Scenario;
  /** Null when the check runs; else why it does not apply (or was not asked for). */
  skipReason: string | null;
}

/** Every scenario for `spec`, in suite order: to run, or skipped with the reason. */
export function planChecks(spec: ProviderSpec, opts: { secret: string | null; only?: readonly CheckId[] }): PlannedCheck[] {
  return SCENARIOS.map((scenario) => {
    if (opts.only && opts.only.length > 0 && !opts.only.includes(scenario.id)) return { scenario, skipReason: 'not selected (--only)' };
    if (opts.secret === null && scenario.id !== 'missing-signature') return { scenario, skipReason: 'no secret given: only an unsigned request can be sent' };
    for (const requirement of scenario.requires) {
      const missing = missingRequirement(spec, requirement, opts.secret);
      if (missing) return { scenario, skipReason: missing };
    }
    return { scenario, skipReason: null };
  });
}

// One configuration for every property test, so a failure found once is found again. By default the
// seed is fixed: a run is the same on every machine and in CI. HOOKSCOPE_FC_SEED overrides it with
// another integer (to replay a reported failure) or with "random" (to explore new inputs). On failure
// the message ends with the exact variable to set, so replaying is copy and paste.
//
// The seed is read once per test file: every property in a file starts from it. A time limit
// (interruptAfterTimeLimit) only cuts the same sequence short, so a failure still replays.
import fc from 'fast-check';

export const DEFAULT_FC_SEED = 20260320;
const SEED_VARIABLE = 'HOOKSCOPE_FC_SEED';

export function readFcSeed(value = process.env[SEED_VARIABLE]): number {
  const text = value?.trim();
  if (!text) return DEFAULT_FC_SEED;
  // fast-check reads a 32-bit seed; a signed one keeps what it prints equal to what we pass.
  if (text === 'random') return (Math.random() * 2 ** 32) | 0;
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new Error(`${SEED_VARIABLE} must be an integer or "random", got ${JSON.stringify(value)}`);
  }
  return Number(text);
}

const seed = readFcSeed();

/** Fails the test with fast-check's own report (seed, path, counterexample) plus how to replay it. */
function reportWithReplayHint<T>(details: fc.RunDetails<T>): void {
  if (!details.failed) return;
  const path = details.counterexamplePath === null ? '' : `, or straight to the counterexample with { seed: ${details.seed}, path: "${details.counterexamplePath}" } in fc.assert`;
  const replay = `Replay with ${SEED_VARIABLE}=${details.seed}${path}.`;
  throw new Error(`${fc.defaultReportMessage(details)}\n\n${replay}`, { cause: details.errorInstance });
}

/** The parameters for `fc.assert`: the shared seed and reporter, plus the test's own (numRuns, time limit). */
export function fcParams<T>(own: Omit<fc.Parameters<T>, 'seed' | 'reporter' | 'asyncReporter'> = {}): fc.Parameters<T> {
  return { ...own, seed, reporter: reportWithReplayHint };
}

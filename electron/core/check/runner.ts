// The handler check, run: the suite planned for the provider (shared/check/scenarios.ts) played in
// order against the user's handler, one request at a time with the provider's timeout, each request
// recorded in the sends store as an ended run of one batch (so it can be opened like a mock send), and
// each check's result announced as it is known. Decisions:
// - a check that builds on another (duplicates, order, size build on the signed event) is skipped when
//   that one failed: the report names a flaw once, where it shows;
// - when the signed event timed out, a refusal check that times out too is skipped, not failed: the
//   slowness is the flaw, already reported;
// - when nothing answers at the target, the run stops there and says why.
import { randomUUID } from 'node:crypto';
import type { CheckReport, CheckRequest, CheckResult } from '../../../shared/api/check.js';
import { ApiError } from '../../../shared/api/errors.js';
import { adviceFor, type Diagnosis } from '../../../shared/check/advice.js';
import { classify, describeOutcome, formatBytes, formatMs, type Outcome } from '../../../shared/check/outcome.js';
import { planChecks, staleSeconds, type CheckId, type PlannedCheck, type Scenario } from '../../../shared/check/scenarios.js';
import { requireProvider, UnknownProviderError } from '../../../shared/providers/registry.js';
import type { ProviderSpec } from '../../../shared/providers/spec.js';
import { describeRule } from '../../../shared/retry/policy.js';
import { timestampToleranceSec } from '../../../shared/verify/signature-format.js';
import type { CoreEvents } from '../events.js';
import { sendOutbound } from '../http/outbound.js';
import { attemptRecord, judge, MAX_RECORDED_RESPONSE_BYTES } from '../sender/attempt.js';
import type { SendPlan } from '../../../shared/retry/send-plan.js';
import { resolvePlan } from '../sender/plan.js';
import { checkTargetRules } from '../sender/start.js';
import type { SendRepo } from '../store/sends.js';
import { EventBodies, eventSample } from './bodies.js';
import { probesFor, stepsFor, type Step, type StepContext } from './requests.js';

export interface CheckInput {
  runId?: string;
  provider: string;
  to: string;
  secret?: string | null;
  event?: string;
  bodyBase64?: string;
  only?: CheckId[];
  allowHosts: string[];
  timeoutMs?: number;
}

export interface PreparedCheck {
  runId: string;
  spec: ProviderSpec;
  plan: SendPlan;
  target: string;
  event: string;
  secret: string | null;
  allowHosts: string[];
  planned: PlannedCheck[];
  bodies: EventBodies;
  startMs: number;
}

/** Checks the request and plans the suite; throws bad-input or refused-target before anything is sent. */
export function prepareCheck(input: CheckInput, nowMs: number): PreparedCheck {
  let spec: ProviderSpec;
  try {
    spec = requireProvider(input.provider);
  } catch (err) {
    if (err instanceof UnknownProviderError) throw new ApiError('bad-input', err.message);
    throw err;
  }
  const plan = resolvePlan(spec.retry, { timeoutMs: input.timeoutMs }, 'real');
  const target = checkTargetRules(spec, plan, input.to, input.allowHosts);
  const body = input.bodyBase64 === undefined ? null : Buffer.from(input.bodyBase64, 'base64');
  const event = input.event ?? defaultEvent(spec);
  if (!event) throw new ApiError('bad-input', `${spec.id} has no event catalogue: name the event (--event) and give its payload (--data)`);
  if (!body && !spec.events.some((e) => e.name === event)) {
    throw new ApiError('bad-input', `unknown ${spec.id} event "${event}" (known: ${spec.events.map((e) => e.name).join(', ')}); to send another event, give its payload with --data`);
  }
  const secret = input.secret === undefined || input.secret === '' ? null : input.secret;
  return {
    runId: input.runId ?? randomUUID(),
    spec,
    plan,
    target,
    event,
    secret,
    allowHosts: input.allowHosts,
    planned: planChecks(spec, { secret, only: input.only }),
    bodies: new EventBodies(nowMs, eventSample(spec, event), body),
    startMs: nowMs,
  };
}

/** Handshakes that are not events (a handler may answer them before any check). */
const HANDSHAKES = new Set(['ping', 'url_verification']);

/**
 * The event a check sends when none is named: an update where the catalogue has one (the reordering
 * check sends two updates of one record), else the first event that is not a handshake.
 */
export function defaultEvent(spec: ProviderSpec): string | undefined {
  const names = spec.events.map((e) => e.name);
  return names.find((n) => /update/.test(n)) ?? names.find((n) => !HANDSHAKES.has(n)) ?? names[0];
}

export interface CheckDeps {
  repo: SendRepo;
  events: CoreEvents;
}

/** Plays a prepared check to the end and returns its report (also announced as `check.finished`). */
export async function runCheck(prepared: PreparedCheck, deps: CheckDeps): Promise<CheckReport> {
  const { runId, spec, plan, planned } = prepared;
  deps.events.emit('check.started', {
    runId,
    provider: spec.id,
    target: prepared.target,
    timeoutMs: plan.timeoutMs,
    checks: planned.map((p) => ({ id: p.scenario.id, title: p.scenario.title, skipped: p.skipReason !== null, reason: p.skipReason })),
  });
  const run = new CheckRun(prepared, deps);
  const results: CheckResult[] = [];
  for (const p of planned) {
    const result = await run.play(p, results);
    results.push(result);
    deps.events.emit('check.result', { runId, check: result });
  }
  const report: CheckReport = {
    provider: spec.id,
    target: prepared.target,
    passed: results.filter((r) => r.passed).length,
    failed: results.filter((r) => !r.passed && !r.skipped).length,
    skipped: results.filter((r) => r.skipped).length,
    checks: results,
    runId,
    batchId: run.batchId,
    timeoutMs: plan.timeoutMs,
    unreachable: run.unreachable,
  };
  deps.events.emit('check.finished', { runId, report });
  return report;
}

interface Sent {
  request: CheckRequest;
  outcome: Outcome;
}

class CheckRun {
  batchId: number | null = null;
  unreachable: string | null = null;
  private seq = 0;
  private answered = false;
  /** The signed event got no answer in time: refusal checks timing out too say nothing new. */
  private signedTimedOut = false;

  constructor(
    private readonly prepared: PreparedCheck,
    private readonly deps: CheckDeps,
  ) {}

  async play(p: PlannedCheck, earlier: CheckResult[]): Promise<CheckResult> {
    const { scenario } = p;
    if (p.skipReason) return this.skipped(scenario, p.skipReason);
    if (this.unreachable) return this.skipped(scenario, `not sent: ${this.unreachable}`);
    const prerequisite = scenario.after ? earlier.find((r) => r.id === scenario.after) : undefined;
    if (prerequisite && !prerequisite.passed && !prerequisite.skipped) {
      return this.skipped(scenario, `runs once "${prerequisite.title}" passes`);
    }
    const ctx = this.stepContext();
    if (scenario.id === 'large-event-accepted' && !this.prepared.bodies.isObject) return this.skipped(scenario, 'the --data body is not a JSON object, so it cannot be enlarged');
    const sent: Sent[] = [];
    const steps = stepsFor(scenario.id, ctx);
    for (const step of steps) {
      const s = await this.send(step, step.repeats === undefined ? null : sent[step.repeats]!.request.sendId);
      sent.push(s);
      if (s.outcome.kind === 'unreachable') break;
      // An accept check stops at the first request refused: what follows would not tell more.
      if (scenario.expect === 'accepted' && s.outcome.kind !== 'accepted') break;
    }
    return this.judge(scenario, sent, earlier, ctx);
  }

  private stepContext(): StepContext {
    const { spec, event, secret, bodies } = this.prepared;
    return { spec, event, secret: secret ?? '', bodies, nowMs: Date.now() };
  }

  private async judge(scenario: Scenario, sent: Sent[], earlier: CheckResult[], ctx: StepContext): Promise<CheckResult> {
    const { spec, plan } = this.prepared;
    const timeoutMs = plan.timeoutMs;
    const failing = sent.find((s) => (scenario.expect === 'accepted' ? s.outcome.kind !== 'accepted' : s.outcome.kind !== 'rejected'));
    const latencyMs = sent.length ? Math.max(...sent.map((s) => s.outcome.durationMs)) : null;
    const base = {
      id: scenario.id,
      title: scenario.title,
      skipped: false,
      expected: this.expected(scenario),
      latencyMs,
      requests: sent.map((s) => s.request),
    };
    if (!failing) {
      const slow = scenario.expect === 'accepted' && latencyMs !== null && latencyMs > timeoutMs / 2;
      // Latency is judged against the provider's timeout, so say both.
      const answers = sent.map((s) => describeOutcome(s.outcome, timeoutMs)).join('; ');
      const got = scenario.expect === 'accepted' ? `${answers} (timeout ${formatMs(timeoutMs)})` : answers;
      return {
        ...base,
        passed: true,
        got: slow ? `${answers}: over half the ${formatMs(timeoutMs)} timeout` : got,
        advice: slow ? `Took ${formatMs(latencyMs!)} of ${spec.name}'s ${formatMs(timeoutMs)}: acknowledge first and do slow work afterwards, or a slower moment becomes a retry.` : null,
        warning: slow ? `answered in ${formatMs(latencyMs!)}, over half the ${formatMs(timeoutMs)} timeout` : null,
      };
    }
    const outcome = failing.outcome;
    if (scenario.id === 'signed-accepted' && outcome.kind === 'timeout') this.signedTimedOut = true;
    if (scenario.expect === 'rejected' && outcome.kind === 'timeout' && this.signedTimedOut) {
      return { ...this.skipped(scenario, `no answer within ${formatMs(timeoutMs)}, as for the signed event: whether it refuses this request is unknown`), requests: base.requests, latencyMs };
    }
    let diagnosis: Diagnosis = null;
    let reserialises = false;
    const extra: Sent[] = [];
    if (scenario.id === 'signed-accepted' && outcome.kind === 'rejected') {
      for (const probe of probesFor(ctx)) {
        const s = await this.send(probe, null);
        extra.push(s);
        if (s.outcome.kind !== 'accepted') continue;
        diagnosis = probe.diagnosis;
        // The whitespace check cannot see a second mistake behind this one: ask with the first one made.
        if (probe.respaced) {
          const again = await this.send({ label: `${probe.label}, body re-spaced after signing`, ...probe.respaced }, null);
          extra.push(again);
          reserialises = again.outcome.kind === 'accepted';
        }
        break;
      }
    }
    const byteCheck = earlier.find((r) => r.id === 'body-byte-changed');
    const step = sent.indexOf(failing);
    const probed = diagnosis ? extra.find((s) => s.outcome.kind === 'accepted')!.request.label.replace(/^probe: /, '') : null;
    const got = `${sent.length > 1 ? `${sent[step]!.request.label}: ` : ''}${describeOutcome(outcome, timeoutMs)}${probed ? `; ${probed}: accepted` : ''}`;
    return {
      ...base,
      requests: [...base.requests, ...extra.map((s) => s.request)],
      passed: false,
      got,
      advice: adviceFor(scenario.id, outcome, {
        spec,
        timeoutMs,
        diagnosis,
        reserialises,
        byteChangeRefused: byteCheck ? byteCheck.passed : undefined,
        largeEventBytes: failing.request.bodyBytes,
      }),
      warning: null,
    };
  }

  private expected(scenario: Scenario): string {
    const { spec, plan } = this.prepared;
    const tolerance = timestampToleranceSec(spec) ?? 0;
    return scenario.expected
      .replace('{rule}', describeRule(plan.success))
      .replace('{timeout}', formatMs(plan.timeoutMs))
      .replace('{stale}', formatMs(staleSeconds(spec) * 1000))
      .replace('{tolerance}', formatMs(tolerance * 1000))
      .replace('{size}', formatBytes(1024 * 1024));
  }

  private skipped(scenario: Scenario, reason: string): CheckResult {
    return { id: scenario.id, title: scenario.title, passed: false, skipped: true, expected: this.expected(scenario), got: `skipped: ${reason}`, advice: null, warning: null, latencyMs: null, requests: [] };
  }

  /** Sends one request, records it as an ended run of this check's batch, and classifies its answer. */
  private async send(step: Pick<Step, 'label' | 'headers' | 'body'>, repeats: number | null): Promise<Sent> {
    const { spec, plan, target, allowHosts, event, startMs } = this.prepared;
    const sentAtMs = Date.now();
    const raw = await sendOutbound({
      url: target,
      method: 'POST',
      headers: step.headers,
      body: step.body,
      timeoutMs: plan.timeoutMs,
      maxResponseBytes: MAX_RECORDED_RESPONSE_BYTES,
      allowHosts,
    });
    const result = judge(plan.success, raw, step.headers);
    const outcome = classify(plan.success, result);
    if (outcome.kind === 'unreachable') {
      this.unreachable = this.answered ? `the handler stopped answering: ${outcome.message}` : `the handler cannot be reached at ${target}: ${outcome.message}`;
    } else {
      this.answered = true;
    }
    const seq = this.seq++;
    const recorded = this.deps.repo.recordEnded(
      this.batchId,
      { createdAtMs: startMs, originWallMs: startMs, clock: { kind: 'real' }, plan, spec, allowHosts },
      { seq, occurredSeq: seq, provider: spec.id, event, target, secret: null, body: step.body, duplicateOf: repeats },
      attemptRecord(result, 1, sentAtMs - startMs, sentAtMs),
      result.ok ? 'delivered' : 'failed',
    );
    this.batchId = recorded.batchId;
    return {
      outcome,
      request: {
        sendId: recorded.id,
        label: step.label,
        headers: step.headers,
        bodyBytes: step.body.length,
        bodyPreview: step.body.subarray(0, 2048).toString('utf8'),
        status: result.status,
        durationMs: result.durationMs,
        error: result.status === null ? result.error : null,
      },
    };
  }
}

// One line of advice per failed check, naming the mistake the handler's answer points to and the fix,
// with the `providers snippet` command that prints a correct verifier. Pure: what the handler did
// (its outcome), what a diagnostic probe found, and how the sibling checks went decide the line.
import type { ProviderSpec } from '../providers/spec.js';
import { describeRule } from '../retry/policy.js';
import { formatBytes, formatMs, type Outcome } from './outcome.js';
import { scenarioById, staleSeconds, type CheckId } from './scenarios.js';
import { timestampToleranceSec } from '../verify/signature-format.js';

/** What a probe sent after a failed signed event found the handler accepting. */
export type Diagnosis = 'no-prefix' | 'secret-as-text' | 'secret-decoded' | 'other-encoding' | null;

export interface AdviceContext {
  spec: ProviderSpec;
  timeoutMs: number;
  /** The diagnosis of a rejected signed event, when a probe found one. */
  diagnosis?: Diagnosis;
  /** A probe found the handler also verifying re-serialised JSON (hidden behind the diagnosed mistake). */
  reserialises?: boolean;
  /** Whether the one-byte change was refused (tells a re-serialised body from no body check at all). */
  byteChangeRefused?: boolean;
  largeEventBytes?: number;
}

export function snippetHint(spec: ProviderSpec): string {
  return `\`hookscope providers snippet ${spec.id}\` prints a handler that does it`;
}

/** Advice for a check that failed with `outcome`. */
export function adviceFor(id: CheckId, outcome: Outcome, ctx: AdviceContext): string {
  if (outcome.kind === 'unreachable') return `Nothing answers at the target: start your handler or fix the URL (${outcome.message ?? 'connection failed'}).`;
  if (outcome.kind === 'dropped') return 'The handler closed the connection without answering (a crash?): answer every request, with a 4xx when it is refused.';
  return scenarioById(id).expect === 'accepted' ? acceptAdvice(id, outcome, ctx) : rejectAdvice(id, outcome, ctx);
}

function acceptAdvice(id: CheckId, outcome: Outcome, ctx: AdviceContext): string {
  const { spec } = ctx;
  const rule = describeRule(spec.retry.success);
  if (outcome.kind === 'timeout') {
    return `Answer within ${formatMs(ctx.timeoutMs)} (${spec.name}'s timeout): acknowledge first and do the work afterwards (queue it), or ${spec.name} counts the delivery as failed and retries it.`;
  }
  if (outcome.kind === 'server-error') {
    if (id === 'duplicate-acknowledged') return `The repeated delivery failed with HTTP ${outcome.status}: ${spec.name} may deliver an event again (a retry after a timeout), so acknowledge a duplicate (${rule}) and skip the work.`;
    if (id === 'out-of-order-acknowledged') return `The older update, arriving after the newer one, failed with HTTP ${outcome.status}: acknowledge it and ignore it (compare the event's time or version), since ${spec.name} does not promise order.`;
    return `A valid event failed with HTTP ${outcome.status}: ${spec.name} retries it; see your handler's log for the error.`;
  }
  if (outcome.kind === 'other-status' || (outcome.kind === 'rejected' && id !== 'signed-accepted' && id !== 'large-event-accepted')) {
    if (id === 'duplicate-acknowledged') return `The repeated delivery got HTTP ${outcome.status}, which ${spec.name} counts as a failure (${rule}) and retries: acknowledge a duplicate and skip the work.`;
    if (id === 'out-of-order-acknowledged') return `The older update, arriving after the newer one, got HTTP ${outcome.status}: acknowledge it (${rule}) and ignore it by comparing the event's time or version; refusing it makes ${spec.name} retry it.`;
    if (outcome.kind === 'other-status') return `HTTP ${outcome.status} is not a success for ${spec.name} (${rule}): answer ${spec.retry.success === 'exactly-200' ? '200' : 'with a 2xx'}.`;
  }
  if (id === 'large-event-accepted') {
    const size = formatBytes(ctx.largeEventBytes ?? 0);
    return outcome.status === 413
      ? `A ${size} event was refused as too large (413): raise your body limit (express.raw({ type: '*/*', limit: '5mb' }), Flask's MAX_CONTENT_LENGTH).`
      : `A ${size} event was refused with HTTP ${outcome.status}: check your body size limit (express.raw's default is 100 KB) and any size checks.`;
  }
  // A correctly signed event refused with a 4xx: the verification itself is wrong.
  const sig = spec.signature;
  const also = ctx.reserialises ? ' It also verifies re-serialised JSON, not the bytes received: verify the raw body (express.raw(), request.get_data()).' : '';
  if (ctx.diagnosis === 'no-prefix' && sig.kind === 'hmac') {
    return `The same signature without its "${sig.prefix}" prefix is accepted: strip "${sig.prefix}" from ${sig.header} before comparing.${also} ${capitalized(snippetHint(spec))}.`;
  }
  if (ctx.diagnosis === 'secret-as-text' && sig.kind === 'hmac') {
    return `A signature keyed with the secret's text is accepted: ${sig.secretEncoding === 'whsec' ? 'strip "whsec_" and base64-decode the rest' : 'base64-decode the secret'} to get the HMAC key.${also} ${capitalized(snippetHint(spec))}.`;
  }
  if (ctx.diagnosis === 'secret-decoded' && sig.kind === 'hmac') {
    return `A signature keyed with the secret base64-decoded is accepted: ${spec.name} keys its HMAC with the secret as it is, whsec_ included (unlike Standard Webhooks).${also} ${capitalized(snippetHint(spec))}.`;
  }
  if (ctx.diagnosis === 'other-encoding' && sig.kind === 'hmac') {
    return `The same signature in ${sig.encoding === 'hex' ? 'base64' : 'hex'} is accepted: ${spec.name} sends it ${sig.encoding === 'hex' ? 'hex' : 'base64'}-encoded, so compare with digest('${sig.encoding}').${also} ${capitalized(snippetHint(spec))}.`;
  }
  if (sig.kind === 'static-key') return `The right key in ${sig.header} was refused: compare the header with the key exactly as set in ${spec.name} (check the secret given); ${snippetHint(spec)}.`;
  return `A correctly signed event was refused (HTTP ${outcome.status}): verify ${describePayload(sig.signedPayload)} as received, with the secret given; ${snippetHint(spec)}.`;
}

function rejectAdvice(id: CheckId, outcome: Outcome, ctx: AdviceContext): string {
  const { spec } = ctx;
  const sig = spec.signature;
  if (outcome.kind === 'server-error') {
    return `Refuse with a 4xx instead of failing with HTTP ${outcome.status}: ${spec.name} retries a 5xx, so a bad request is sent again (a crash on a missing or short header is the usual cause: compare lengths before timingSafeEqual).`;
  }
  if (outcome.kind === 'timeout') return `No answer within ${formatMs(ctx.timeoutMs)}: refuse a bad request at once, before any slow work.`;
  if (outcome.kind === 'rejected') return 'Refused as expected.'; // not reached for a failed check
  const accepted = outcome.kind === 'accepted' ? 'accepted' : `answered HTTP ${outcome.status} to`;
  const fix = snippetHint(spec);
  switch (id) {
    case 'wrong-secret':
      return `The handler ${accepted} a signature made with another secret: compute the HMAC with your secret and compare it with ${sig.header} in constant time; ${fix}.`;
    case 'wrong-key':
      return `The handler ${accepted} a wrong ${sig.header}: compare it with your key, exactly and in constant time; ${fix}.`;
    case 'key-case':
      return `The handler ${accepted} the key in other letter case: compare ${sig.header} exactly (no lower-casing), in constant time; ${fix}.`;
    case 'missing-signature':
      return `The handler ${accepted} a request with no ${sig.header}: verify every request and refuse unsigned ones with a 4xx; ${fix}.`;
    case 'empty-signature':
      return `The handler ${accepted} an empty ${sig.header}: an empty value must fail verification; ${fix}.`;
    case 'body-byte-changed':
      return `The handler ${accepted} a body changed after signing: verify the signature over the raw bytes received; ${fix}.`;
    case 'body-whitespace-changed':
      if (ctx.byteChangeRefused) {
        return `The handler verifies re-serialised JSON (JSON.parse/JSON.stringify, express.json(), request.json), not the bytes received: real deliveries spaced differently fail and whitespace edits pass; verify the raw body (express.raw(), request.get_data()); ${fix}.`;
      }
      return `The handler ${accepted} a body changed after signing: verify the signature over the raw bytes received; ${fix}.`;
    case 'stale-timestamp': {
      const tolerance = timestampToleranceSec(spec) ?? 0;
      const where = spec.timestamp?.header ?? `the t= of ${sig.header}`;
      return `The handler ${accepted} a request signed ${formatMs(staleSeconds(spec) * 1000)} ago: reject ${where} more than ${formatMs(tolerance * 1000)} from now, or a captured request can be replayed forever; ${fix}.`;
    }
    case 'timestamp-replayed':
      return `The handler ${accepted} a signature under a timestamp it was not made for: verify the HMAC of ${describePayload(sig.kind === 'hmac' ? sig.signedPayload : '{body}')} with the timestamp received; ${fix}.`;
    default:
      return `The handler ${accepted} a request it should refuse: ${fix}.`;
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describePayload(template: string): string {
  return template === '{body}' ? 'the raw body' : `"${template}" (raw body)`;
}

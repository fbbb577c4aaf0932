// The endpoint form's fields as strings (what inputs hold) and their translation to the API's input.
// The API validates; this only turns empty fields into "not set" and numbers into numbers.
import type { Endpoint } from '../../../shared/domain.js';
import { normalizePath, pathMatches } from '../../../shared/endpoint-path.js';
import type { MethodInput } from '../../../shared/api/contract.js';
import { forwardRuleProblem, type ForwardRule, type ForwardRuleProblem } from '../../../shared/forward-rules.js';

/** What endpoints.create takes (the form's output); imported from the contract so this stays pure. */
type EndpointInput = MethodInput<'endpoints.create'>;

export interface EndpointFormValues {
  path: string;
  provider: string;
  secret: string;
  status: string;
  body: string;
  delayMs: string;
  forwardTo: string;
  /** `smee:<channel URL>`, or empty. */
  relay: string;
  /** Routing by event: rows of event type and URL, as typed (an empty row is left out when saved). */
  forwardRules: ForwardRule[];
}

/** No path prefilled: `/hooks/`, saved as is, would be a prefix taking every /hooks/… request. */
export const EMPTY_FORM: EndpointFormValues = { path: '', provider: '', secret: '', status: '200', body: '', delayMs: '0', forwardTo: '', relay: '', forwardRules: [] };

export interface Swallowed {
  /** The prefix as it would be saved. */
  prefix: string;
  /** Other endpoints under it (they keep their own requests: the longest prefix wins). */
  endpoints: string[];
  /** Paths requests arrived on that no endpoint took, which it would take from now on. */
  paths: string[];
}

/**
 * What a prefix would take besides its own path, or null when nothing: every other path under it is
 * matched by it from now on (a catch-all such as `/` or `/hooks` is rarely what was meant). `seenPaths`
 * are paths of deliveries no endpoint matched.
 */
export function swallowedBy(path: string, otherEndpoints: readonly string[], seenPaths: readonly string[]): Swallowed | null {
  if (path.trim() === '') return null;
  const prefix = normalizePath(path);
  const under = (p: string) => p !== prefix && pathMatches(prefix, p);
  const endpoints = [...new Set(otherEndpoints.map(normalizePath).filter(under))].sort();
  const paths = [...new Set(seenPaths.filter(under))].sort();
  if (prefix !== '/' && endpoints.length === 0 && paths.length === 0) return null;
  return { prefix, endpoints, paths };
}

export function formFromEndpoint(e: Endpoint): EndpointFormValues {
  return {
    path: e.path,
    provider: e.provider ?? '',
    secret: e.secret ?? '',
    status: String(e.response.status),
    body: e.response.body,
    delayMs: String(e.response.delayMs),
    forwardTo: e.forwardTo ?? '',
    relay: e.relay ?? '',
    forwardRules: e.forwardRules.map((r) => ({ ...r })),
  };
}

const toInt = (text: string, fallback: number) => (text.trim() === '' ? fallback : Number(text));

/** previousSecrets is left out when not given, so creating an endpoint sends what it always did. */
export function inputFromForm(v: EndpointFormValues, previousSecrets?: string[]): EndpointInput {
  return {
    path: v.path.trim(),
    provider: v.provider || null,
    secret: v.secret === '' ? null : v.secret,
    ...(previousSecrets ? { previousSecrets } : {}),
    response: { status: toInt(v.status, 200), body: v.body, delayMs: toInt(v.delayMs, 0) },
    forwardTo: v.forwardTo.trim() || null,
    relay: v.relay.trim() || null,
    forwardRules: rulesToSave(v.forwardRules),
  };
}

/** The rules as saved: trimmed, rows left wholly empty dropped. */
export function rulesToSave(rows: readonly ForwardRule[]): ForwardRule[] {
  return rows.map((r) => ({ event: r.event.trim(), url: r.url.trim() })).filter((r) => r.event !== '' || r.url !== '');
}

/** Each row's problem (the CLI's and the API's check), by row index; empty when every row is fine. */
export function ruleProblems(rows: readonly ForwardRule[]): Map<number, ForwardRuleProblem> {
  const problems = new Map<number, ForwardRuleProblem>();
  rows.forEach((row, i) => {
    const rule = { event: row.event.trim(), url: row.url.trim() };
    if (rule.event === '' && rule.url === '') return;
    const problem = forwardRuleProblem(rule);
    if (problem) problems.set(i, problem);
  });
  return problems;
}

/** The API keeps at most this many previous secrets. */
export const MAX_PREVIOUS_SECRETS = 10;

/** The saved secret being replaced by the form's, or null when there is none or it is unchanged. */
export function replacedSecret(saved: string | null, formSecret: string): string | null {
  return saved && saved !== formSecret ? saved : null;
}

/**
 * The previous secrets to save: the replaced secret first when the user keeps it (rotation: deliveries
 * still signed with it keep verifying), then the ones kept from before. The current secret, blanks and
 * repeats are left out, and the oldest go when there are more than the API keeps.
 */
export function previousSecretsToSave(replaced: string | null, keepReplaced: boolean, kept: readonly string[], current: string): string[] {
  const all = keepReplaced && replaced ? [replaced, ...kept] : [...kept];
  const unique = [...new Set(all)].filter((s) => s !== '' && s !== current);
  return unique.slice(0, MAX_PREVIOUS_SECRETS);
}

/** A secret shown without giving it away: a fixed mask, and the last four characters of a long one to tell them apart. */
export function maskSecret(secret: string): string {
  return '••••••••' + (secret.length >= 16 ? secret.slice(-4) : '');
}

/** The URL to give the provider for this endpoint. */
export function endpointUrl(receiverUrl: string, path: string): string {
  return receiverUrl.replace(/\/$/, '') + (path.startsWith('/') ? path : `/${path}`);
}

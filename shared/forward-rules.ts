// Forward rules (routing by event, issue #21): `--forward 'EVENT=URL'` on the CLI, rows of event type
// and URL in the endpoint form, `forwardRules` in the API. All three check a rule here, so what one
// accepts the others do. Where a rule may send (this machine only) is the core's check when saved.
import type { ForwardRule } from './providers/event-type.js';

export type { ForwardRule };

export interface ForwardRuleProblem {
  /** The part at fault. */
  part: 'event' | 'url';
  message: string;
}

/** What is wrong with a rule (as given: callers trim what users type), or null. */
export function forwardRuleProblem(rule: ForwardRule): ForwardRuleProblem | null {
  const { event, url } = rule;
  if (event === '') return { part: 'event', message: 'an event type is needed (e.g. push, task.*, or * for any)' };
  if (/[\s=]/.test(event)) return { part: 'event', message: 'an event type has no spaces or "=" (e.g. push, task.created)' };
  if (event.indexOf('*') !== -1 && event.indexOf('*') !== event.length - 1) return { part: 'event', message: '* goes at the end only (task.* matches task.created; * alone matches any)' };
  if (url === '') return { part: 'url', message: 'a URL is needed (e.g. http://localhost:3000/push)' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { part: 'url', message: `"${url}" is not a URL (e.g. http://localhost:3000/push)` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { part: 'url', message: `"${url}" is not an http or https URL (e.g. http://localhost:3000/push)` };
  return null;
}

/** `push=http://localhost:3000/push` → a rule; the event part cannot hold `=`, the URL may. */
export function parseForwardRule(text: string): { rule: ForwardRule } | { error: string } {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) return { error: `must look like "EVENT=URL" (e.g. push=http://localhost:3000/push), got "${text}"` };
  const rule = { event: text.slice(0, eq).trim(), url: text.slice(eq + 1).trim() };
  const problem = forwardRuleProblem(rule);
  return problem ? { error: `"${text}": ${problem.message}` } : { rule };
}

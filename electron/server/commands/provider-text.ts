// How a provider reads in a terminal (`providers show`, `providers list`, `send`): its catalogue with
// each payload's fidelity to the document, and the document's vague points with our reading of each.
import type { ProviderSummary } from '../../../shared/api/providers.js';
import { describeFidelity } from '../../../shared/providers/fidelity.js';

type Fidelity = ProviderSummary['events'][number]['fidelity'];

/** "1 documented · 7 invented", or "not compared" for providers without a document in Hookscope. */
export function fidelityCounts(p: ProviderSummary): string {
  const counts = new Map<string, number>();
  for (const e of p.events) {
    const kind = e.fidelity?.kind ?? 'not compared';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(' · ') || '-';
}

/** One event's payload mark, as `send` and `providers show` print it. */
export function fidelityLine(fidelity: Fidelity): string {
  return describeFidelity(fidelity);
}

export function describeProvider(p: ProviderSummary): string {
  const lines = [`${p.name} (${p.id})`, `  signature: ${p.scheme}`];
  if (p.sourceRanges.length) lines.push(`  real deliveries come from: ${p.sourceRanges.join(', ')}`);
  if (p.contentTypes.length > 1) lines.push(`  content types: ${p.contentTypes.join(', ')} (send --content-type)`);
  lines.push(`  key rotation: ${p.rotation === 'immediate' ? 'a new key invalidates the old one (a previous key is invalid)' : 'previous secrets set on the endpoint are still accepted'}`);
  for (const note of [...p.notes, ...p.retry.notes]) lines.push(`  - ${note}`);
  lines.push('', 'Events (payload as sent by Hookscope, against the document):');
  for (const e of p.events) {
    lines.push(`  ${e.name}  ${fidelityLine(e.fidelity)}`);
    if (e.fidelity?.basis) lines.push(`      ${e.fidelity.basis}`);
  }
  if (p.readings.length) {
    lines.push('', 'Readings (where the document is vague or contradicts itself):');
    for (const r of p.readings) {
      lines.push(`  ${r.id}: ${r.topic}`, `      document: ${r.quote}`, `      we read:  ${r.reading}`, `      or:       ${r.alternative}`);
      if (r.option) lines.push(`      play it:  send ${r.option}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

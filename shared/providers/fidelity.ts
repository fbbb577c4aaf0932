// Which fields of a catalogue sample the provider's document shows, and which Hookscope invented
// (issue #20). The seeds declare the paths their document shows; the invented ones are derived here
// from the sample itself, so the list cannot drift from what is sent.
import type { EventSpec, PayloadFidelitySpec } from './spec.js';

export interface PayloadFidelity extends PayloadFidelitySpec {
  /**
   * Dot paths in the sample the document does not show, outermost only: when `data` is not
   * documented, `data` is listed and its children are not.
   */
  invented: string[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Every dot path of a JSON value's objects (arrays are leaves), parents before children. */
export function payloadPaths(value: unknown, prefix = ''): string[] {
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...payloadPaths(child, path)];
  });
}

/** Paths of `sample` that `documented` does not cover, outermost only. */
export function inventedPaths(sample: unknown, documented: readonly string[], prefix = ''): string[] {
  if (!isPlainObject(sample)) return [];
  const shown = new Set(documented);
  return Object.entries(sample).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return shown.has(path) ? inventedPaths(child, documented, path) : [path];
  });
}

/** The event's fidelity with its invented paths, or null when no document was compared (custom and non-seed providers). */
export function payloadFidelity(event: Pick<EventSpec, 'sample' | 'fidelity'>): PayloadFidelity | null {
  if (!event.fidelity) return null;
  return { ...event.fidelity, invented: inventedPaths(event.sample, event.fidelity.documented) };
}

/** "invented: data.id, data.name" — one line for terminals and the UI. */
export function describeFidelity(fidelity: PayloadFidelity | null): string {
  if (!fidelity) return 'not compared with a provider document';
  if (fidelity.invented.length === 0) return `${fidelity.kind}: as the document shows it`;
  return `${fidelity.kind}: not in the document: ${fidelity.invented.join(', ')}`;
}

import type { InvalidJson } from '../../lib/bytes.js';

const CONTEXT = 60;

/** Where a body that claims to be JSON stops being JSON, with the text around that place. */
export function InvalidJsonNote({ text, invalid }: { text: string; invalid: InvalidJson }) {
  const from = Math.max(0, invalid.index - CONTEXT);
  const before = text.slice(from, invalid.index);
  const at = text.slice(invalid.index, invalid.index + 1);
  const after = text.slice(invalid.index + 1, invalid.index + 1 + CONTEXT);
  const ended = invalid.index >= text.length;
  return (
    <div className="invalid-json" data-testid="invalid-json">
      <p className="warn-note">
        {ended ? `Not valid JSON: the text ends at byte ${invalid.byte} where ${invalid.expected} was expected.` : `Not valid JSON at byte ${invalid.byte}: expected ${invalid.expected}.`}{' '}
        The Raw and Hex views show the body exactly as it arrived.
      </p>
      <pre className="mono code-block wrap">
        {from > 0 ? '…' : ''}
        {before}
        <mark className="json-error-at">{ended ? ' ' : at}</mark>
        {after}
        {invalid.index + 1 + CONTEXT < text.length ? '…' : ''}
      </pre>
    </div>
  );
}

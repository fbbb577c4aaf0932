import { useLayoutEffect, useRef, useState } from 'react';
import { Icon } from '../common/Icon.js';

/**
 * A secret input, masked until the user asks to see it. Uncontrolled on purpose: React mirrors a
 * controlled input's value into its `value` attribute, which would put the secret in the page's HTML;
 * here the value lives only in the element's property, set from `value` when that changes.
 */
export function SecretField({ id, value, onChange, placeholder }: { id: string; value: string; onChange(v: string): void; placeholder?: string }) {
  const [shown, setShown] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    if (input.current && input.current.value !== value) input.current.value = value;
  }, [value]);
  return (
    <div className="secret-field">
      <input
        ref={input}
        id={id}
        type={shown ? 'text' : 'password'}
        className="mono"
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
      />
      <button type="button" className="btn btn-icon" onClick={() => setShown(!shown)} aria-label={shown ? 'Hide secret' : 'Show secret'} aria-pressed={shown} title={shown ? 'Hide' : 'Show'}>
        <Icon name={shown ? 'eye-off' : 'eye'} />
      </button>
    </div>
  );
}

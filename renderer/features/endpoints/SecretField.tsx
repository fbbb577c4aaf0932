import { useState } from 'react';
import { Icon } from '../common/Icon.js';

/** A secret input, masked until the user asks to see it. */
export function SecretField({ id, value, onChange, placeholder }: { id: string; value: string; onChange(v: string): void; placeholder?: string }) {
  const [shown, setShown] = useState(false);
  return (
    <div className="secret-field">
      <input
        id={id}
        type={shown ? 'text' : 'password'}
        className="mono"
        value={value}
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

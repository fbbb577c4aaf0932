// One small labelled field of the Sender's Batch and Overrides sections: the label above the input,
// a short help line below it that screen readers announce with the input.
import type { ReactNode } from 'react';

interface OptionFieldProps {
  id: string;
  label: string;
  help: ReactNode;
  /** Spans the whole row (the text fields). */
  wide?: boolean;
  children(describedBy: string): ReactNode;
}

export function OptionField({ id, label, help, wide, children }: OptionFieldProps) {
  const helpId = `${id}-help`;
  return (
    <div className={`send-option${wide ? ' send-option-wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(helpId)}
      <p className="help" id={helpId}>
        {help}
      </p>
    </div>
  );
}

interface NumberOptionProps {
  id: string;
  label: string;
  help: ReactNode;
  value: string;
  onChange(value: string): void;
  min: number;
  max?: number;
  /** "any" for fractions; integers otherwise. */
  step?: number | 'any';
  placeholder: string;
}

/** A number the API bounds: min/max let the browser refuse the form before a request is made. */
export function NumberOption({ id, label, help, value, onChange, min, max, step = 1, placeholder }: NumberOptionProps) {
  return (
    <OptionField id={id} label={label} help={help}>
      {(describedBy) => (
        <input
          id={id}
          type="number"
          inputMode={step === 'any' ? 'decimal' : 'numeric'}
          min={min}
          max={max}
          step={step}
          value={value}
          placeholder={placeholder}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </OptionField>
  );
}

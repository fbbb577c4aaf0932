import { useEffect, useState, type FormEvent } from 'react';
import { useDiff } from '../../state/diff.js';

/** Two delivery numbers to compare, or one and "the previous one on the same endpoint". */
export function DiffPicker() {
  const a = useDiff((s) => s.a);
  const b = useDiff((s) => s.b);
  const compare = useDiff((s) => s.compare);
  const withPrevious = useDiff((s) => s.withPrevious);
  const [left, setLeft] = useState(a ? String(a) : '');
  const [right, setRight] = useState(b ? String(b) : '');
  useEffect(() => setLeft(a ? String(a) : ''), [a]);
  useEffect(() => setRight(b ? String(b) : ''), [b]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const [x, y] = [Number(left), Number(right)];
    if (x > 0 && y > 0) void compare(x, y);
    else if (y > 0) void withPrevious(y);
  };
  return (
    <form className="diff-picker" onSubmit={submit} aria-label="Deliveries to compare">
      <label>
        A #
        <input type="number" min={1} value={left} onChange={(e) => setLeft(e.target.value)} placeholder="previous" aria-label="Delivery A" />
      </label>
      <label>
        B #
        <input type="number" min={1} value={right} onChange={(e) => setRight(e.target.value)} aria-label="Delivery B" required />
      </label>
      <button type="submit" className="btn btn-primary">
        Compare
      </button>
      <span className="dim">Leave A empty to compare B with the delivery before it on the same endpoint (the same path when none matched).</span>
    </form>
  );
}

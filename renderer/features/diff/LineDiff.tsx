import type { LineChange } from '../../../shared/diff/types.js';

/** A text body's line diff, unified: removed lines from A, added lines from B. */
export function LineDiff({ lines }: { lines: LineChange[] }) {
  return (
    <pre className="mono code-block line-diff" data-testid="line-diff">
      {lines.map((run, i) =>
        run.text
          .replace(/\n$/, '')
          .split('\n')
          .map((line, j) => (
            <div key={`${i}-${j}`} className={`line-${run.kind}`}>
              <span className="diff-mark">{run.kind === 'added' ? '+' : run.kind === 'removed' ? '−' : ' '}</span>
              {line}
            </div>
          )),
      )}
    </pre>
  );
}

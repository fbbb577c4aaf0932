import { useMemo, useState } from 'react';
import { hexLines } from '../../lib/bytes.js';
import { formatBytes } from '../../lib/format.js';

const STEP = 64 * 1024;

/** Offset, hex and ASCII columns; large bodies are shown 64 KB at a time. */
export function HexView({ bytes }: { bytes: Uint8Array }) {
  const [limit, setLimit] = useState(STEP);
  const text = useMemo(
    () => hexLines(bytes, limit).map((l) => `${l.offset}  ${l.hex.padEnd(49)}  ${l.ascii}`).join('\n'),
    [bytes, limit],
  );
  return (
    <div className="hex-view">
      <pre className="mono code-block" data-testid="hex-view">{text}</pre>
      {bytes.length > limit ? (
        <button type="button" className="btn btn-small" onClick={() => setLimit(limit + STEP)}>
          Show more ({formatBytes(bytes.length - limit)} left)
        </button>
      ) : null}
    </div>
  );
}

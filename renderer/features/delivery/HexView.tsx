import { useMemo, useState } from 'react';
import { hexLines } from '../../lib/bytes.js';
import { formatBytes } from '../../lib/format.js';

const STEP = 64 * 1024;
/** A hex line is ~75 characters for 16 bytes: steps grow with what is shown, up to this many bytes. */
const MAX_STEP = 2 * 1024 * 1024;

/** Offset, hex and ASCII columns; large bodies are shown from 64 KB, each step as much again as is shown (up to 2 MB). */
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
        <button type="button" className="btn btn-small" onClick={() => setLimit(limit + Math.min(MAX_STEP, Math.max(STEP, limit)))}>
          Show more ({formatBytes(bytes.length - limit)} left)
        </button>
      ) : null}
    </div>
  );
}

// The body in the form that fits it: a JSON tree when it parses, the raw text always (exact bytes as
// UTF-8), and hex for everything, which is the only view of a body that is not valid UTF-8.
import { useMemo, useState } from 'react';
import type { DeliveryDetail } from '../../../shared/domain.js';
import { base64ToBytes, parseJson } from '../../lib/bytes.js';
import { formatBytes } from '../../lib/format.js';
import { CopyButton } from '../common/CopyButton.js';
import { HexView } from './HexView.js';
import { JsonTree } from './JsonTree.js';
import { RawText } from './RawText.js';

type Mode = 'tree' | 'raw' | 'hex';

export function BodyView({ detail }: { detail: DeliveryDetail }) {
  const json = useMemo(() => (detail.bodyText === null ? { ok: false as const } : parseJson(detail.bodyText)), [detail.bodyText]);
  const bytes = useMemo(() => base64ToBytes(detail.bodyBase64), [detail.bodyBase64]);
  const modes: Mode[] = detail.bodyText === null ? ['hex'] : json.ok ? ['tree', 'raw', 'hex'] : ['raw', 'hex'];
  const [chosen, setChosen] = useState<Mode | null>(null);
  const mode = chosen && modes.includes(chosen) ? chosen : modes[0]!;

  if (bytes.length === 0) return <p className="dim pad">Empty body.</p>;
  return (
    <div className="body-view">
      <div className="toolbar-mini">
        <div className="segmented" role="tablist" aria-label="Body view">
          {modes.map((m) => (
            <button key={m} type="button" role="tab" aria-selected={m === mode} className={m === mode ? 'on' : ''} onClick={() => setChosen(m)}>
              {m === 'tree' ? 'JSON' : m === 'raw' ? 'Raw' : 'Hex'}
            </button>
          ))}
        </div>
        <span className="dim">
          {formatBytes(bytes.length)}
          {detail.contentType ? ` · ${detail.contentType}` : ''}
          {detail.bodyText === null ? ' · not valid UTF-8, shown as hex' : ''}
        </span>
        {detail.bodyText !== null ? <CopyButton text={detail.bodyText} label="Copy body" /> : null}
      </div>
      {detail.truncated ? (
        <p className="warn-note">The body passed the size limit: only its first {formatBytes(bytes.length)} were kept (the sender got 413).</p>
      ) : null}
      {detail.incomplete === 'aborted' ? <p className="warn-note">The client went away before the body was complete: this is what arrived.</p> : null}
      {detail.incomplete === 'malformed' ? <p className="warn-note">The body was malformed HTTP (a bad chunk; answered 400): this is what arrived before the fault.</p> : null}
      {mode === 'tree' && json.ok ? <JsonTree key={detail.id} value={json.value} /> : null}
      {mode === 'raw' && detail.bodyText !== null ? <RawText key={detail.id} text={detail.bodyText} /> : null}
      {mode === 'hex' ? <HexView key={detail.id} bytes={bytes} /> : null}
    </div>
  );
}

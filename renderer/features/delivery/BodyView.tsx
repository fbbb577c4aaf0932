// The body in the form that fits it: a JSON tree when it parses (and where it breaks when it claims to
// be JSON but is not), an image for a raster image, the raw text always (exact bytes as UTF-8), and
// hex for everything, which is the only view of a body that is not valid UTF-8.
import { useMemo, useState } from 'react';
import type { DeliveryDetail } from '../../../shared/domain.js';
import { base64ToBytes, parseJson } from '../../lib/bytes.js';
import { extensionFor, previewableImage } from '../../lib/body-kind.js';
import { downloadBytes } from '../../lib/download.js';
import { formatBytes } from '../../lib/format.js';
import { CopyButton } from '../common/CopyButton.js';
import { HexView } from './HexView.js';
import { ImagePreview } from './ImagePreview.js';
import { InvalidJsonNote } from './InvalidJsonNote.js';
import { JsonTree } from './JsonTree.js';
import { RawText } from './RawText.js';

type Mode = 'tree' | 'image' | 'raw' | 'hex';
const MODE_LABEL: Record<Mode, string> = { tree: 'JSON', image: 'Image', raw: 'Raw', hex: 'Hex' };

export function BodyView({ detail }: { detail: DeliveryDetail }) {
  const json = useMemo(() => (detail.bodyText === null ? { ok: false as const } : parseJson(detail.bodyText, detail.contentType)), [detail.bodyText, detail.contentType]);
  const bytes = useMemo(() => base64ToBytes(detail.bodyBase64), [detail.bodyBase64]);
  const image = useMemo(() => (detail.truncated ? null : previewableImage(detail.contentType, bytes)), [detail.truncated, detail.contentType, bytes]);
  const invalid = json.ok ? undefined : json.invalid;
  const modes: Mode[] = [];
  if (json.ok || invalid) modes.push('tree');
  if (image) modes.push('image');
  if (detail.bodyText !== null) modes.push('raw');
  modes.push('hex');
  const [chosen, setChosen] = useState<Mode | null>(null);
  const mode = chosen && modes.includes(chosen) ? chosen : modes[0]!;
  const download = () => downloadBytes(bytes as Uint8Array<ArrayBuffer>, `delivery-${detail.id}-body.${extensionFor(detail.contentType)}`, detail.contentType ?? 'application/octet-stream');

  if (bytes.length === 0) return <p className="dim pad">Empty body.</p>;
  return (
    <div className="body-view">
      <div className="toolbar-mini">
        <div className="segmented" role="tablist" aria-label="Body view">
          {modes.map((m) => (
            <button key={m} type="button" role="tab" aria-selected={m === mode} className={m === mode ? 'on' : ''} onClick={() => setChosen(m)}>
              {MODE_LABEL[m]}
            </button>
          ))}
        </div>
        <span className="dim">
          {formatBytes(bytes.length)}
          {detail.contentType ? ` · ${detail.contentType}` : ''}
          {detail.bodyText === null && !image ? ' · not valid UTF-8, shown as hex' : ''}
          {invalid ? ' · not valid JSON' : ''}
        </span>
        <span className="toolbar-end">
          <button type="button" className="btn btn-small" onClick={download} title="Save the body's exact bytes as a file">
            Download body
          </button>
          {detail.bodyText !== null ? <CopyButton text={detail.bodyText} label="Copy body" /> : null}
        </span>
      </div>
      {detail.truncated ? (
        <p className="warn-note">The body passed the size limit: only its first {formatBytes(bytes.length)} were kept (the sender got 413).</p>
      ) : null}
      {detail.incomplete === 'aborted' ? <p className="warn-note">The client went away before the body was complete: this is what arrived.</p> : null}
      {detail.incomplete === 'malformed' ? <p className="warn-note">The body was malformed HTTP (a bad chunk; answered 400): this is what arrived before the fault.</p> : null}
      {mode === 'tree' && json.ok ? <JsonTree key={detail.id} value={json.value} /> : null}
      {mode === 'tree' && invalid && detail.bodyText !== null ? <InvalidJsonNote text={detail.bodyText} invalid={invalid} /> : null}
      {mode === 'image' && image ? <ImagePreview key={detail.id} mimeType={image} base64={detail.bodyBase64} /> : null}
      {mode === 'raw' && detail.bodyText !== null ? <RawText key={detail.id} text={detail.bodyText} /> : null}
      {mode === 'hex' ? <HexView key={detail.id} bytes={bytes} /> : null}
    </div>
  );
}

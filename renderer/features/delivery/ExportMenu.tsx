// Export one delivery the way the CLI's export does (the same server-side formats and redaction):
// copy it as a cURL command, or download it as HAR or Hookscope JSON. Redaction replaces signatures,
// credential headers, credential query and form fields and the endpoint's secrets with [REDACTED].
import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import { api } from '../../api/client.js';
import { asApiError } from '../../api/errors.js';
import { downloadBytes } from '../../lib/download.js';
import { ErrorNote } from '../common/ErrorNote.js';

type Format = 'curl' | 'har' | 'json';

export function ExportMenu({ id }: { id: number }) {
  const [redact, setRedact] = useState(false);
  const [busy, setBusy] = useState<Format | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (format: Format) => {
    setBusy(format);
    setError(null);
    setDone(null);
    try {
      const result = await api.call('export.deliveries', { ids: [id], format, redact });
      if (format === 'curl') {
        await navigator.clipboard.writeText(result.content);
        setDone('cURL command copied');
      } else {
        downloadBytes(result.content, `delivery-${id}${redact ? '-redacted' : ''}.${format === 'har' ? 'har' : 'json'}`, result.mimeType);
        setDone(`${format === 'har' ? 'HAR' : 'JSON'} downloaded`);
      }
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <details className="export-menu" data-testid="export-menu">
      <summary className="btn btn-small">Export…</summary>
      <div className="export-panel" role="group" aria-label="Export this delivery">
        <button type="button" className="btn btn-small" onClick={() => void run('curl')} disabled={busy !== null}>
          Copy as cURL
        </button>
        <button type="button" className="btn btn-small" onClick={() => void run('har')} disabled={busy !== null}>
          Download HAR
        </button>
        <button type="button" className="btn btn-small" onClick={() => void run('json')} disabled={busy !== null}>
          Download JSON
        </button>
        <label className="check" title="Signatures, credential headers and fields, and this endpoint's secrets become [REDACTED]: safe to share, but the request will no longer verify">
          <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} /> Redact signatures and secrets
        </label>
        {done ? (
          <span className="dim" role="status">
            {done}
            {redact ? ', redacted' : ''}.
          </span>
        ) : null}
        <ErrorNote error={error} />
      </div>
    </details>
  );
}

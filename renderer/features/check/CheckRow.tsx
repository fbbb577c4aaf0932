// One check of the scorecard: its verdict, what the handler did and, when it failed, what was expected,
// the advice and the exact request that exposed it (headers as sent, the body's first bytes as text).
import type { CheckResult } from '../../../shared/api/check.js';
import { HeadersTable } from '../delivery/HeadersTable.js';

interface CheckRowProps {
  title: string;
  result: CheckResult | null;
  signatureHeader?: string;
}

function verdictOf(result: CheckResult | null): { mark: string; label: string; className: string } {
  if (!result) return { mark: '…', label: 'waiting', className: 'check-waiting' };
  if (result.skipped) return { mark: '–', label: 'skipped', className: 'check-skipped' };
  if (!result.passed) return { mark: '✗', label: 'failed', className: 'check-failed' };
  if (result.warning) return { mark: '!', label: 'passed with a warning', className: 'check-warned' };
  return { mark: '✓', label: 'passed', className: 'check-passed' };
}

export function CheckRow({ title, result, signatureHeader }: CheckRowProps) {
  const verdict = verdictOf(result);
  const failed = result !== null && !result.passed && !result.skipped;
  const exposing = failed ? result.requests.find((r) => r.status !== null || r.error !== null) : undefined;
  return (
    <li className={`check-row ${verdict.className}`} data-testid="check-row" aria-label={`${title}: ${verdict.label}`}>
      <div className="check-line">
        <span className="check-mark" aria-hidden="true">
          {verdict.mark}
        </span>
        <span className="check-title">{title}</span>
        <span className="check-got dim">{result?.got ?? ''}</span>
      </div>
      {failed ? (
        <div className="check-detail">
          <p>
            <span className="dim">Expected:</span> {result.expected}
          </p>
          {result.advice ? <p className="check-advice">{result.advice}</p> : null}
        </div>
      ) : result?.warning && result.advice ? (
        <div className="check-detail">
          <p className="check-advice">{result.advice}</p>
        </div>
      ) : null}
      {result && result.requests.length > 0 ? (
        <details className="check-requests" open={failed}>
          <summary>
            {failed ? 'The request that exposed it' : `Request${result.requests.length > 1 ? 's' : ''} sent`} ({result.requests.map((r) => `send #${r.sendId}`).join(', ')})
          </summary>
          {(failed && exposing ? [exposing] : result.requests).map((r) => (
            <div key={r.sendId} className="check-request">
              <h4>
                {r.label} <span className="dim">· {r.status ?? r.error} · {Math.round(r.durationMs)} ms · {r.bodyBytes.toLocaleString('en-US')} bytes</span>
              </h4>
              <HeadersTable headers={r.headers} signatureHeader={signatureHeader} />
              <pre className="check-body mono">{r.bodyPreview}{r.bodyBytes > r.bodyPreview.length ? '…' : ''}</pre>
            </div>
          ))}
        </details>
      ) : null}
    </li>
  );
}

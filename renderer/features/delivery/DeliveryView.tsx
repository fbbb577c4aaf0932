// The detail pane: the request line and verdict first (what you came to see), then the body, headers
// and facts as tabs.
import { useEffect, useState } from 'react';
import { useDetail } from '../../state/detail.js';
import { useDiff } from '../../state/diff.js';
import { useReplay } from '../../state/replay.js';
import { useUi } from '../../state/ui.js';
import { useEndpoints } from '../../state/endpoints.js';
import { formatTime } from '../../lib/format.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { Icon } from '../common/Icon.js';
import { StatusCode } from '../common/StatusCode.js';
import { BodyView } from './BodyView.js';
import { HeadersTable } from './HeadersTable.js';
import { RequestFacts } from './RequestFacts.js';
import { VerdictPanel } from './VerdictPanel.js';

type Tab = 'body' | 'headers' | 'details';

export function DeliveryView({ id, onClose }: { id: number; onClose(): void }) {
  const { detail, loading, error, verifying, verifyError, load, verifyAgain } = useDetail();
  const providers = useEndpoints((s) => s.providers);
  const show = useUi((s) => s.show);
  const [tab, setTab] = useState<Tab>('body');
  const diffWithPrevious = () => {
    void useDiff.getState().withPrevious(id);
    show('diff');
  };
  const replay = () => {
    void useReplay.getState().prepare([id]);
    show('replay');
  };

  useEffect(() => {
    void load(id);
  }, [id, load]);

  const current = detail && detail.id === id ? detail : null;
  const providerId = current ? current.verification.provider ?? current.provider : null;
  const provider = providers.find((p) => p.id === providerId) ?? null;

  return (
    <aside className="detail" aria-label={`Delivery ${id}`} data-testid="delivery-detail">
      <header className="detail-head">
        <div className="request-line mono">
          {current ? (
            <>
              <span className={`method-${current.method.toLowerCase()}`}>{current.method}</span>{' '}
              <span className="break">
                {current.path}
                {current.query ? <span className="dim">?{current.query}</span> : null}
              </span>
            </>
          ) : (
            <span className="dim">Delivery #{id}</span>
          )}
        </div>
        {current ? (
          <div className="detail-sub dim">
            #{current.id} · {formatTime(current.receivedAt)} · answered <StatusCode status={current.responseStatus} />
            <span className="detail-actions">
              <button type="button" className="btn btn-small" onClick={replay}>
                Replay…
              </button>
              <button type="button" className="btn btn-small" onClick={diffWithPrevious} title="Compare with the delivery before it on the same endpoint">
                Diff with previous
              </button>
            </span>
          </div>
        ) : null}
        <button type="button" className="btn btn-icon close" onClick={onClose} aria-label="Close detail (Esc)" title="Close (Esc)">
          <Icon name="close" />
        </button>
      </header>
      <div className="detail-body">
        {loading && !current ? <p className="dim pad">Loading…</p> : null}
        <ErrorNote error={error} onRetry={() => void load(id)} />
        {current ? (
          <>
            <VerdictPanel
              verification={current.verification}
              endpoint={current.endpoint}
              provider={provider}
              verifying={verifying}
              verifyError={verifyError}
              onVerifyAgain={() => void verifyAgain()}
            />
            <div className="tabs" role="tablist" aria-label="Request">
              {(['body', 'headers', 'details'] as const).map((t) => (
                <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'on' : ''} onClick={() => setTab(t)}>
                  {t === 'body' ? 'Body' : t === 'headers' ? `Headers (${current.headers.length})` : 'Details'}
                </button>
              ))}
            </div>
            <div className="tab-panel" role="tabpanel">
              {tab === 'body' ? <BodyView detail={current} /> : null}
              {tab === 'headers' ? <HeadersTable headers={current.headers} signatureHeader={current.verification.evidence?.header} /> : null}
              {tab === 'details' ? <RequestFacts detail={current} /> : null}
            </div>
          </>
        ) : null}
      </div>
    </aside>
  );
}

// The detail pane: the request line and verdict first (what you came to see), then the body, headers,
// parameters, what Hookscope answered, the replays and the facts as tabs.
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
import { useDeliveryReplays } from '../../state/delivery-replays.js';
import { BodyView } from './BodyView.js';
import { ExportMenu } from './ExportMenu.js';
import { HeadersTable } from './HeadersTable.js';
import { hasParams, ParamsView } from './ParamsView.js';
import { ReplaysView } from './ReplaysView.js';
import { RequestFacts } from './RequestFacts.js';
import { SourceRangeNote } from './SourceRangeNote.js';
import { ResponseView } from './ResponseView.js';
import { VerdictPanel } from './VerdictPanel.js';

type Tab = 'body' | 'headers' | 'params' | 'response' | 'replays' | 'details';

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

  const replayCount = useDeliveryReplays((s) => (s.deliveryId === id ? s.items.length : 0));

  useEffect(() => {
    void load(id);
    void useDeliveryReplays.getState().load(id);
  }, [id, load]);

  const current = detail && detail.id === id ? detail : null;
  const providerId = current ? current.verification.provider ?? current.provider : null;
  const provider = providers.find((p) => p.id === providerId) ?? null;
  const tabs: Tab[] = current ? ['body', 'headers', ...(hasParams(current) ? (['params'] as const) : []), 'response', 'replays', 'details'] : [];
  const shown = tabs.includes(tab) ? tab : 'body';
  const tabLabel = (t: Tab): string => {
    switch (t) {
      case 'body':
        return 'Body';
      case 'headers':
        return `Headers (${current?.headers.length ?? 0})`;
      case 'params':
        return 'Params';
      case 'response':
        return 'Response';
      case 'replays':
        return replayCount > 0 ? `Replays (${replayCount})` : 'Replays';
      case 'details':
        return 'Details';
    }
  };

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
              <ExportMenu id={current.id} />
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
            <SourceRangeNote provider={provider} remoteAddress={current.remoteAddress} />
            <div className="tabs" role="tablist" aria-label="Request">
              {tabs.map((t) => (
                <button key={t} type="button" role="tab" aria-selected={shown === t} className={shown === t ? 'on' : ''} onClick={() => setTab(t)}>
                  {tabLabel(t)}
                </button>
              ))}
            </div>
            <div className="tab-panel" role="tabpanel">
              {shown === 'body' ? <BodyView detail={current} /> : null}
              {shown === 'headers' ? <HeadersTable headers={current.headers} signatureHeader={current.verification.evidence?.header} /> : null}
              {shown === 'params' ? <ParamsView detail={current} /> : null}
              {shown === 'response' ? <ResponseView id={current.id} /> : null}
              {shown === 'replays' ? <ReplaysView id={current.id} /> : null}
              {shown === 'details' ? <RequestFacts detail={current} /> : null}
            </div>
          </>
        ) : null}
      </div>
    </aside>
  );
}

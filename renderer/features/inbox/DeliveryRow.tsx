import { memo } from 'react';
import type { DeliverySummary } from '../../../shared/domain.js';
import { formatBytes, formatTime } from '../../lib/format.js';
import { VerdictBadge } from '../common/VerdictBadge.js';
import { StatusCode } from '../common/StatusCode.js';
import { Highlight } from '../common/Highlight.js';

interface Props {
  row: DeliverySummary;
  providerLabel: string | null;
  selected: boolean;
  marked: boolean;
  top: number;
  /** The active search, highlighted where it occurs in the row's text. */
  term: string | undefined;
  onOpen(id: number): void;
  onToggleMark(id: number): void;
}

/** One delivery in the inbox. Everything is rendered as text: paths and providers come from the wire. */
export const DeliveryRow = memo(function DeliveryRow({ row, providerLabel, selected, marked, top, term, onOpen, onToggleMark }: Props) {
  const target = row.path + (row.query ? `?${row.query}` : '');
  return (
    <div
      role="row"
      id={`delivery-row-${row.id}`}
      className={`row${selected ? ' selected' : ''}${marked ? ' marked' : ''}`}
      aria-selected={selected}
      data-id={row.id}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onOpen(row.id)}
    >
      <span role="gridcell" className="c-mark" onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" checked={marked} onChange={() => onToggleMark(row.id)} aria-label={`Mark delivery ${row.id}`} tabIndex={-1} />
      </span>
      <span role="gridcell" className="c-time mono" title={row.receivedAt}>
        {formatTime(row.receivedAt)}
      </span>
      <span role="gridcell" className={`c-method mono method-${row.method.toLowerCase()}`}>
        {row.method}
      </span>
      <span role="gridcell" className="c-path mono" title={target}>
        <Highlight text={row.path} term={term} />
        {row.query ? (
          <span className="dim">
            ?<Highlight text={row.query} term={term} />
          </span>
        ) : null}
      </span>
      <span role="gridcell" className="c-event mono" title={row.event ?? undefined}>
        {row.event ? <Highlight text={row.event} term={term} /> : null}
      </span>
      <span role="gridcell" className="c-endpoint">
        {providerLabel ? (
          <span className="provider-tag" title={row.verification.detected ? 'provider detected from the headers' : undefined}>
            {providerLabel}
            {row.verification.detected ? '?' : ''}
          </span>
        ) : null}
        {endpointNote(row)}
      </span>
      <span role="gridcell" className="c-size mono">
        {formatBytes(row.size)}
        {row.truncated ? <span className="warn-text" title="body over the size limit: only its first bytes were kept"> ✂</span> : null}
      </span>
      <span role="gridcell" className="c-verdict">
        <VerdictBadge status={row.verification.status} />
      </span>
      <span role="gridcell" className="c-status mono">
        <StatusCode status={row.responseStatus} />
      </span>
    </div>
  );
});

/**
 * The endpoint, only where the path does not already say it: a prefix endpoint that took a longer
 * path ("via /hooks"), or no endpoint at all.
 */
function endpointNote(row: DeliverySummary) {
  if (row.endpoint === null) return <span className="dim">unmatched</span>;
  if (row.endpoint === row.path || row.endpoint === `${row.path}/`) return null;
  return (
    <span className="dim mono endpoint-via" title={`matched the endpoint ${row.endpoint}`}>
      via {row.endpoint}
    </span>
  );
}

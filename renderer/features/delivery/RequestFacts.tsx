import type { ReactNode } from 'react';
import type { DeliveryDetail } from '../../../shared/domain.js';
import { arrivedThrough, describeArrival } from '../../../shared/net/forwarded.js';
import { formatBytes, formatDateTime, formatDuration } from '../../lib/format.js';
import { StatusCode } from '../common/StatusCode.js';

/** The client behind a tunnel or relay (the socket shows the engine's loopback connection). */
function originalClient(detail: DeliveryDetail): Array<[string, ReactNode]> {
  const through = arrivedThrough(detail.headers, detail.remoteAddress);
  return through ? [['Original client', <span className="mono" data-testid="original-client">{describeArrival(through)}</span>]] : [];
}

/** When, from where, how long, and what Hookscope answered. */
export function RequestFacts({ detail }: { detail: DeliveryDetail }) {
  const remote = detail.remoteAddress ? `${detail.remoteAddress}${detail.remotePort ? `:${detail.remotePort}` : ''}` : 'unknown';
  const rows: Array<[string, ReactNode]> = [
    ['Received', <span title={detail.receivedAt}>{formatDateTime(detail.receivedAt)}</span>],
    ['Took', formatDuration(detail.durationMs)],
    ['From', <span className="mono">{remote}</span>],
    ...originalClient(detail),
    ['Protocol', <span className="mono">HTTP/{detail.httpVersion}</span>],
    ['Endpoint', detail.endpoint ? <span className="mono">{detail.endpoint}</span> : <span className="dim">none matched (default answer)</span>],
    ['Size', `${formatBytes(detail.size)}${detail.truncated ? ' (truncated)' : ''}`],
    ['Answered', <StatusCode status={detail.responseStatus} />],
  ];
  return (
    <table className="kv facts" data-testid="request-facts">
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// The bottom line: is the UI live, where webhooks go, and how many arrived with which verdict.
import { VERIFICATION_STATUSES } from '../../../shared/domain.js';
import { useEndpoints } from '../../state/endpoints.js';
import { useStats } from '../../state/stats.js';
import { useUi } from '../../state/ui.js';
import { CopyButton } from '../common/CopyButton.js';
import { Icon } from '../common/Icon.js';
import { formatBytes, pluralize } from '../../lib/format.js';
import { LARGE_DATABASE_BYTES } from '../../../shared/settings.js';
import { RelayStatus } from './RelayStatus.js';
import { TunnelTrouble } from './TunnelTrouble.js';

const CONNECTION_LABEL = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', stopped: 'core stopped' } as const;

export function StatusBar() {
  const stats = useStats((s) => s.stats);
  const connection = useStats((s) => s.connection);
  const connectionMessage = useStats((s) => s.connectionMessage);
  const waiting = useStats((s) => s.waiting);
  const receiverUrl = useEndpoints((s) => s.settings?.receiverUrl ?? null);
  const publicUrl = useEndpoints((s) => s.settings?.publicUrl ?? null);
  const tunnel = useEndpoints((s) => s.settings?.tunnel ?? null);
  const endpointCount = useEndpoints((s) => s.endpoints.length);
  const inInbox = useUi((s) => s.view === 'inbox');
  const showView = useUi((s) => s.show);

  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={`conn conn-${connection}`} title="Live updates from the Hookscope core">
        <span className="dot" aria-hidden="true" />
        {CONNECTION_LABEL[connection]}
      </span>
      {connectionMessage ? (
        <span className={`status-conn-message conn-${connection}`} role="status" data-testid="status-connection-message">
          {connectionMessage}
        </span>
      ) : null}
      {receiverUrl ? (
        <span className="status-receiver">
          <span className="dim">Receiver</span> <code className="mono">{receiverUrl}</code>
          <CopyButton text={receiverUrl} className="btn-quiet" />
        </span>
      ) : (
        <span className="dim">receiver not running</span>
      )}
      {publicUrl ? (
        <span className="status-receiver" data-testid="status-public-url">
          <span className="dim">Public{tunnel ? ` (${tunnel})` : ''}</span> <code className="mono">{publicUrl}</code>
          <CopyButton text={publicUrl} className="btn-quiet" />
        </span>
      ) : (
        <TunnelTrouble />
      )}
      {stats ? (
        <span className="status-counts" data-testid="status-counts">
          <span>{pluralize(stats.deliveries, 'delivery', 'deliveries')}</span>
          {VERIFICATION_STATUSES.map((v) =>
            stats.byVerdict[v] ? (
              <span key={v} className={`count count-${v}`} title={`${stats.byVerdict[v]} ${v}`}>
                <Icon name={v} /> {stats.byVerdict[v]!.toLocaleString()} {v === 'no-secret' ? 'no secret' : v}
              </span>
            ) : null,
          )}
          <span className="dim">{pluralize(endpointCount, 'endpoint')}</span>
          <button
            type="button"
            className={`btn-quiet status-size${stats.dbBytes > LARGE_DATABASE_BYTES ? ' status-size-large' : ''}`}
            data-testid="status-size"
            title={stats.dbBytes > LARGE_DATABASE_BYTES ? 'The database is past 1 GB: set a retention limit in Data' : 'Database size on disk: retention and clearing in Data'}
            onClick={() => showView('data')}
          >
            {stats.dbBytes > LARGE_DATABASE_BYTES ? '⚠ ' : ''}
            {formatBytes(stats.dbBytes)}
          </button>
        </span>
      ) : null}
      {stats?.storage?.writable === false ? (
        <span className="status-unwritable" data-testid="status-unwritable" role="alert" title={stats.storage.reason ?? undefined}>
          ⚠ The database cannot be written: webhooks get 503 until it can
        </span>
      ) : null}
      {waiting ? (
        <span
          className="status-waiting"
          data-testid="status-waiting"
          title={`Stored and answered; being verified and added to the inbox${waiting.oldestReceivedAt ? ` (oldest received ${new Date(waiting.oldestReceivedAt).toLocaleTimeString()})` : ''}`}
        >
          Filing {pluralize(waiting.count, 'capture')}…
        </span>
      ) : null}
      <RelayStatus />
      {inInbox ? (
        <span className="keys dim">
          <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>x</kbd> mark · <kbd>/</kbd> search · <kbd>Esc</kbd> close · <kbd>?</kbd> all keys
        </span>
      ) : null}
    </footer>
  );
}

// The inbox: filters and the live list, with the selected delivery open beside it.
import { hasFilters, useInbox } from '../../state/inbox.js';
import { useUi } from '../../state/ui.js';
import { DeliveryView } from '../delivery/DeliveryView.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { DeliveryList } from './DeliveryList.js';
import { EmptyState } from './EmptyState.js';
import { InboxFilters } from './InboxFilters.js';
import { MarkBar } from './MarkBar.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { useInboxKeys } from './useInboxKeys.js';

export function InboxView() {
  // Only whether there are rows: the list subscribes to the rows themselves, so a page of older rows
  // or a live one re-renders the list, not the filters and the rest of the view.
  const hasItems = useInbox((s) => s.items.length > 0);
  const loaded = useInbox((s) => s.loaded);
  const loading = useInbox((s) => s.loading);
  const error = useInbox((s) => s.error);
  const filters = useInbox((s) => s.filters);
  const reload = useInbox((s) => s.reload);
  const clearFilters = useInbox((s) => s.clearFilters);
  const selectedId = useUi((s) => s.selectedId);
  const detailOpen = useUi((s) => s.detailOpen);
  const closeDetail = useUi((s) => s.closeDetail);
  useInboxKeys(true);

  const filtered = hasFilters(filters);
  let content;
  if (hasItems) content = <DeliveryList />;
  else if (!loaded || (loading && !filtered)) content = <p className="dim pad">Loading…</p>;
  else if (error) content = null;
  else if (filtered)
    content = (
      <div className="empty-note">
        {loading ? 'Searching…' : 'No deliveries match these filters.'}{' '}
        <button type="button" className="btn btn-small" onClick={clearFilters}>
          Clear filters
        </button>
      </div>
    );
  else content = <EmptyState />;

  const showDetail = detailOpen && selectedId !== null;
  return (
    <div className={`inbox${showDetail ? ' with-detail' : ''}`}>
      <section className="inbox-main" aria-label="Inbox">
        <InboxFilters />
        <MarkBar />
        <ErrorNote error={error} onRetry={() => void reload()} />
        {content}
      </section>
      {showDetail ? <DeliveryView id={selectedId} onClose={closeDetail} /> : null}
      <ShortcutsDialog />
    </div>
  );
}

// The inbox list, virtualized: only the rows in view (plus a margin) are in the DOM, so 100k
// deliveries scroll like 100. Older pages load as the user nears the end of what is loaded; rows that
// arrive at the top while the user is reading further down, or has the pointer over the list (about
// to click a row, during a burst say), do not move what they are looking at.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { providerName, useEndpoints } from '../../state/endpoints.js';
import { useInbox } from '../../state/inbox.js';
import { useUi } from '../../state/ui.js';
import { PAGE_AHEAD_ROWS, ROW_HEIGHT } from './columns.js';
import { DeliveryRow } from './DeliveryRow.js';

export function DeliveryList() {
  const items = useInbox((s) => s.items);
  const hasMore = useInbox((s) => s.hasMore);
  const loadingMore = useInbox((s) => s.loadingMore);
  const loadMore = useInbox((s) => s.loadMore);
  const providers = useEndpoints((s) => s.providers);
  const selectedId = useUi((s) => s.selectedId);
  const open = useUi((s) => s.open);
  const marked = useUi((s) => s.marked);
  const toggleMark = useUi((s) => s.toggleMark);
  const term = useInbox((s) => s.filters.q);
  const markedSet = useMemo(() => new Set(marked), [marked]);
  const scrollRef = useRef<HTMLDivElement>(null);

  const count = items.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    getItemKey: (index) => items[index]?.id ?? 'more',
  });
  const virtualItems = virtualizer.getVirtualItems();

  const lastVisible = virtualItems[virtualItems.length - 1]?.index ?? 0;
  useEffect(() => {
    if (hasMore && lastVisible >= items.length - PAGE_AHEAD_ROWS) void loadMore();
  }, [lastVisible, items.length, hasMore, loadMore]);

  // Keep the rows under the user's eyes (or pointer) still when new ones are prepended above them.
  // At the very top with the pointer elsewhere, new rows come into view as they arrive.
  const firstId = items[0]?.id;
  const previousFirst = useRef(firstId);
  const pointerOver = useRef(false);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const before = previousFirst.current;
    previousFirst.current = firstId;
    if (!el || before === undefined || firstId === before || (el.scrollTop === 0 && !pointerOver.current)) return;
    const added = items.findIndex((r) => r.id === before);
    if (added > 0) el.scrollTop += added * ROW_HEIGHT;
  }, [firstId, items]);

  // Follow the keyboard selection.
  useEffect(() => {
    if (selectedId === null) return;
    const index = items.findIndex((r) => r.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    // Only when the selection moves, not on every live row (items is left out on purpose).
  }, [selectedId]);

  const providerLabel = useCallback((id: string | null) => providerName(providers, id), [providers]);

  return (
    <div
      className="list"
      role="grid"
      aria-label="Deliveries"
      aria-rowcount={items.length}
      aria-activedescendant={selectedId !== null ? `delivery-row-${selectedId}` : undefined}
      tabIndex={0}
    >
      <div className="row row-head" role="row">
        <span role="columnheader" className="c-mark" aria-label="Marked" />
        <span role="columnheader" className="c-time">Time</span>
        <span role="columnheader" className="c-method">Method</span>
        <span role="columnheader" className="c-path">Path</span>
        <span role="columnheader" className="c-event">Event</span>
        <span role="columnheader" className="c-endpoint">Provider</span>
        <span role="columnheader" className="c-size">Size</span>
        <span role="columnheader" className="c-verdict">Signature</span>
        <span role="columnheader" className="c-status">Resp.</span>
      </div>
      <div
        className="list-scroll"
        ref={scrollRef}
        data-testid="delivery-list"
        onPointerEnter={() => (pointerOver.current = true)}
        onPointerLeave={() => (pointerOver.current = false)}
      >
        <div className="list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((v) => {
            const row = items[v.index];
            if (!row) {
              return (
                <div key="more" className="row row-more" style={{ transform: `translateY(${v.start}px)` }}>
                  {loadingMore ? 'Loading older deliveries…' : ''}
                </div>
              );
            }
            return (
              <DeliveryRow
                key={row.id}
                row={row}
                providerLabel={providerLabel(row.provider)}
                selected={row.id === selectedId}
                marked={markedSet.has(row.id)}
                top={v.start}
                term={term}
                onOpen={open}
                onToggleMark={toggleMark}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

// The filter bar: a server-side text search (bodies included) and exact filters. The search waits for
// a pause in typing, so each keystroke is not a query.
import { useEffect, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { VERIFICATION_STATUSES, type VerificationStatus } from '../../../shared/domain.js';
import { useEndpoints } from '../../state/endpoints.js';
import { hasFilters, useInbox } from '../../state/inbox.js';
import { useStats } from '../../state/stats.js';
import { useUi } from '../../state/ui.js';
import { Icon } from '../common/Icon.js';
import { SEARCH_INPUT_ID } from './useInboxKeys.js';

const SEARCH_DEBOUNCE_MS = 250;
const METHODS = ['POST', 'PUT', 'PATCH', 'GET', 'DELETE', 'HEAD', 'OPTIONS'];

export function InboxFilters() {
  const filters = useInbox((s) => s.filters);
  const setFilters = useInbox((s) => s.setFilters);
  const clearFilters = useInbox((s) => s.clearFilters);
  const endpoints = useEndpoints((s) => s.endpoints);
  const providers = useEndpoints((s) => s.providers);
  const [text, setText] = useState(filters.q ?? '');

  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  useEffect(() => {
    if (text === (filters.q ?? '')) return;
    const t = setTimeout(() => void setFilters({ q: text || undefined }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, filters.q, setFilters]);

  // Enter searches at once (no waiting for the pause) and opens the first result.
  const openFirst = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const inbox = useInbox.getState();
    if (text !== (inbox.filters.q ?? '')) await inbox.setFilters({ q: text || undefined });
    const first = useInbox.getState().items[0];
    if (first) useUi.getState().open(first.id);
  };

  const choose = (key: 'endpoint' | 'provider' | 'method') => (e: ChangeEvent<HTMLSelectElement>) =>
    void setFilters({ [key]: e.target.value || undefined });

  return (
    <div className="filters" role="search">
      <label className="search-box">
        <Icon name="search" />
        <input
          id={SEARCH_INPUT_ID}
          type="search"
          placeholder="Search path, headers, body"
          aria-label="Search deliveries"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => void openFirst(e)}
          spellCheck={false}
        />
        <kbd className="hint-key">/</kbd>
      </label>
      <select aria-label="Endpoint" className={filters.endpoint ? 'active' : ''} value={filters.endpoint ?? ''} onChange={choose('endpoint')}>
        <option value="">Endpoint</option>
        {endpoints.map((e) => (
          <option key={e.id} value={e.path}>
            {e.path}
          </option>
        ))}
      </select>
      <select aria-label="Provider" className={filters.provider ? 'active' : ''} value={filters.provider ?? ''} onChange={choose('provider')}>
        <option value="">Provider</option>
        {providers.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Signature verdict"
        className={filters.verdict ? 'active' : ''}
        value={filters.verdict ?? ''}
        onChange={(e) => void setFilters({ verdict: (e.target.value || undefined) as VerificationStatus | undefined })}
      >
        <option value="">Signature</option>
        {VERIFICATION_STATUSES.map((v) => (
          <option key={v} value={v}>
            {v === 'no-secret' ? 'no secret' : v}
          </option>
        ))}
      </select>
      <select aria-label="Method" className={filters.method ? 'active' : ''} value={filters.method ?? ''} onChange={choose('method')}>
        <option value="">Method</option>
        {METHODS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      {hasFilters(filters) ? (
        <>
          <FilteredCount />
          <button type="button" className="btn btn-small btn-quiet" onClick={clearFilters}>
            Clear filters
          </button>
        </>
      ) : null}
    </div>
  );
}

/**
 * "12 of 50": the rows the filters kept, of all deliveries. Counted from the rows loaded (pages of
 * 500), so a longer result reads "500+ of 100,000" rather than costing a count over every body.
 */
function FilteredCount() {
  const shown = useInbox((s) => s.items.length);
  const more = useInbox((s) => s.hasMore);
  const loading = useInbox((s) => s.loading);
  const total = useStats((s) => s.stats?.deliveries);
  if (loading && shown === 0) return null;
  return (
    <span className="filter-count dim" data-testid="filter-count" aria-live="polite">
      {shown.toLocaleString()}
      {more ? '+' : ''}
      {total !== undefined ? ` of ${total.toLocaleString()}` : ''}
    </span>
  );
}

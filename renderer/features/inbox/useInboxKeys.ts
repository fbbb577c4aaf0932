// Keyboard use of the inbox, as in mail clients and log viewers: j/k or the arrows move, Enter opens,
// x marks (for diff and replay), / jumps to the search, Esc closes the detail (or leaves the search),
// ? lists these keys. Keys typed into a field belong to the field. A tab (the views, the detail's
// Body/Headers) keeps focus after a click, but Enter then belongs to the list, not to the tab.
import { useEffect } from 'react';
import { useInbox } from '../../state/inbox.js';
import { useUi } from '../../state/ui.js';

export const SEARCH_INPUT_ID = 'inbox-search';

/** The keys, as the shortcuts dialog lists them. */
export const INBOX_SHORTCUTS: Array<[keys: string[], what: string]> = [
  [['j', '↓'], 'next delivery'],
  [['k', '↑'], 'previous delivery'],
  [['Home', 'End'], 'newest, oldest'],
  [['Enter'], 'open the selected delivery'],
  [['Esc'], 'close the detail, leave the search'],
  [['/'], 'search (Enter in it opens the first result)'],
  [['x'], 'mark for diff, replay or delete'],
  [['?'], 'show these keys'],
];

/** A view tab or a detail tab that is the one showing. */
const CURRENT_TAB = '[role="tab"][aria-selected="true"], .nav-tab[aria-current="page"]';

const NOT_TYPED_INTO = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TYPED_INTO.has(target.type);
  return target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName);
}

function move(delta: number | 'first' | 'last') {
  const { items } = useInbox.getState();
  const { selectedId, select, detailOpen, open } = useUi.getState();
  if (items.length === 0) return;
  const current = selectedId === null ? -1 : items.findIndex((r) => r.id === selectedId);
  let next: number;
  if (delta === 'first') next = 0;
  else if (delta === 'last') next = items.length - 1;
  else next = current === -1 ? 0 : Math.min(Math.max(current + delta, 0), items.length - 1);
  const id = items[next]!.id;
  // With the detail open, moving shows the next delivery there too.
  if (detailOpen) open(id);
  else select(id);
}

export function useInboxKeys(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (isTypingTarget(e.target)) {
        if (e.key === 'Escape' && e.target instanceof HTMLElement && e.target.id === SEARCH_INPUT_ID) e.target.blur();
        return;
      }
      // Enter on a focused button presses the button, except on the tab already showing (clicked a
      // moment ago): pressing it again would do nothing, so Enter goes to the list.
      if (e.key === 'Enter' && e.target instanceof HTMLElement && e.target.closest('button, a, summary') && !e.target.closest(CURRENT_TAB)) return;
      const ui = useUi.getState();
      if (ui.shortcutsOpen) {
        if (e.key !== 'Escape' && e.key !== '?') return;
        ui.showShortcuts(false);
        e.preventDefault();
        return;
      }
      switch (e.key) {
        case 'j':
        case 'ArrowDown':
          move(1);
          break;
        case 'k':
        case 'ArrowUp':
          move(-1);
          break;
        case 'Home':
          move('first');
          break;
        case 'End':
          move('last');
          break;
        case 'Enter':
          if (ui.selectedId === null) return;
          ui.open(ui.selectedId);
          break;
        case 'Escape':
          if (!ui.detailOpen) return;
          ui.closeDetail();
          break;
        case '/':
          document.getElementById(SEARCH_INPUT_ID)?.focus();
          break;
        case 'x':
          if (ui.selectedId === null) return;
          ui.toggleMark(ui.selectedId);
          break;
        case '?':
          ui.showShortcuts(true);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}

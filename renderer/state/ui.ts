// Which view is showing, which delivery is selected and which are marked. Selection is by id, not row
// index, so live rows arriving above it never move it to another delivery. Marks (checkboxes, or x on
// the keyboard) collect deliveries to diff or replay together, in the order they were marked.
import { create } from 'zustand';

export type View = 'inbox' | 'endpoints' | 'diff' | 'replay' | 'sender' | 'check' | 'data' | 'settings';

interface UiState {
  view: View;
  selectedId: number | null;
  /** The detail pane is open on the selected delivery. */
  detailOpen: boolean;
  marked: number[];
  /** The keyboard shortcuts dialog (`?`) is open. */
  shortcutsOpen: boolean;
  show(view: View): void;
  select(id: number | null): void;
  open(id: number): void;
  closeDetail(): void;
  toggleMark(id: number): void;
  clearMarks(): void;
  showShortcuts(open: boolean): void;
  /** Deliveries were deleted (null: all of them): they can be neither selected nor marked any more. */
  forget(ids: number[] | null): void;
}

export const useUi = create<UiState>()((set) => ({
  view: 'inbox',
  selectedId: null,
  detailOpen: false,
  marked: [],
  shortcutsOpen: false,
  show: (view) => set({ view }),
  select: (id) => set(id === null ? { selectedId: null, detailOpen: false } : { selectedId: id }),
  open: (id) => set({ selectedId: id, detailOpen: true, view: 'inbox' }),
  closeDetail: () => set({ detailOpen: false }),
  toggleMark: (id) => set((s) => ({ marked: s.marked.includes(id) ? s.marked.filter((m) => m !== id) : [...s.marked, id] })),
  clearMarks: () => set({ marked: [] }),
  showShortcuts: (open) => set({ shortcutsOpen: open }),
  forget: (ids) =>
    set((s) => {
      const gone = ids === null ? null : new Set(ids);
      const isGone = (id: number) => gone === null || gone.has(id);
      const marked = s.marked.filter((id) => !isGone(id));
      const unselect = s.selectedId !== null && isGone(s.selectedId);
      return { marked, ...(unselect ? { selectedId: null, detailOpen: false } : {}) };
    }),
}));

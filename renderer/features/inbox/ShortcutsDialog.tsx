// The inbox's keys, shown by `?` and closed by Esc, `?` or the button.
import { useEffect, useRef } from 'react';
import { useUi } from '../../state/ui.js';
import { INBOX_SHORTCUTS } from './useInboxKeys.js';

export function ShortcutsDialog() {
  const open = useUi((s) => s.shortcutsOpen);
  const showShortcuts = useUi((s) => s.showShortcuts);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="dialog-backdrop" onClick={() => showShortcuts(false)}>
      <div className="dialog card" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={(e) => e.stopPropagation()}>
        <h3 id="shortcuts-title">Keyboard shortcuts</h3>
        <table className="shortcuts-table">
          <tbody>
            {INBOX_SHORTCUTS.map(([keys, what]) => (
              <tr key={what}>
                <td>
                  {keys.map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="form-actions">
          <button ref={closeRef} type="button" className="btn" onClick={() => showShortcuts(false)}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}

import { useEndpoints } from '../../state/endpoints.js';
import { useUi, type View } from '../../state/ui.js';

const VIEWS: Array<{ id: View; label: string }> = [
  { id: 'inbox', label: 'Inbox' },
  { id: 'endpoints', label: 'Endpoints' },
  { id: 'diff', label: 'Diff' },
  { id: 'replay', label: 'Replay' },
  { id: 'sender', label: 'Sender' },
  { id: 'check', label: 'Check' },
  { id: 'data', label: 'Data' },
  { id: 'settings', label: 'Settings' },
];

export function TopBar() {
  const view = useUi((s) => s.view);
  const show = useUi((s) => s.show);
  const version = useEndpoints((s) => s.settings?.version);
  return (
    <header className="top-bar">
      <span className="brand">
        <span className="brand-mark" aria-hidden="true">◎</span> Hookscope
        {version ? <span className="dim version">{version}</span> : null}
      </span>
      <nav aria-label="Views">
        {VIEWS.map((v) => (
          <button key={v.id} type="button" className={`nav-tab${view === v.id ? ' on' : ''}`} aria-current={view === v.id ? 'page' : undefined} onClick={() => show(v.id)}>
            {v.label}
          </button>
        ))}
      </nav>
    </header>
  );
}

import { lazy, Suspense, useEffect } from 'react';
import { useEndpoints } from '../../state/endpoints.js';
import { useInbox } from '../../state/inbox.js';
import { connectLiveUpdates } from '../../state/live.js';
import { useStats } from '../../state/stats.js';
import { useUi } from '../../state/ui.js';
import { CheckView } from '../check/CheckView.js';
import { DataView } from '../data/DataView.js';
import { DiffView } from '../diff/DiffView.js';
import { EndpointsView } from '../endpoints/EndpointsView.js';
import { InboxView } from '../inbox/InboxView.js';
import { SettingsView } from '../settings/SettingsView.js';

import { NoAccess } from './NoAccess.js';
import { StatusBar } from './StatusBar.js';
import { TopBar } from './TopBar.js';

// The editor views carry CodeMirror (most of the bundle): loaded when first opened, so the inbox
// starts without parsing it.
const ReplayView = lazy(() => import('../replay/ReplayView.js').then((m) => ({ default: m.ReplayView })));
const SenderView = lazy(() => import('../sender/SenderView.js').then((m) => ({ default: m.SenderView })));

const VIEWS = { inbox: InboxView, endpoints: EndpointsView, diff: DiffView, replay: ReplayView, sender: SenderView, check: CheckView, data: DataView, settings: SettingsView };

export function App() {
  const view = useUi((s) => s.view);
  const inboxError = useInbox((s) => s.error);

  useEffect(() => {
    const disconnect = connectLiveUpdates();
    void useInbox.getState().reload();
    void useEndpoints.getState().loadAll();
    useStats.getState().refresh();
    return disconnect;
  }, []);

  if (inboxError?.code === 'unauthorized') return <NoAccess message={inboxError.message} />;
  const Current = VIEWS[view];
  return (
    <div className="app">
      <TopBar />
      <main className="main">
        <Suspense fallback={<p className="dim pad">Loading…</p>}>
          <Current />
        </Suspense>
      </main>
      <StatusBar />
    </div>
  );
}

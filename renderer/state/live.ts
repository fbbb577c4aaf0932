// Routes the API's events to the stores, and refetches on every (re)connection of the event stream,
// since whatever happened while it was down was not announced.
import { api } from '../api/client.js';
import { useCheck } from './check.js';
import { useDetail } from './detail.js';
import { useEndpoints } from './endpoints.js';
import { useInbox } from './inbox.js';
import { useSendRuns } from './send-runs.js';
import { useSender } from './sender.js';
import { useStats } from './stats.js';
import { useTunnel } from './tunnel.js';
import { followReplays } from './delivery-replays.js';

export function connectLiveUpdates(): () => void {
  const offs = [
    api.on('delivery.received', (row) => {
      useInbox.getState().received(row);
      useStats.getState().refresh();
    }),
    followReplays(),
    api.on('captures.waiting', (waiting) => useStats.setState({ waiting: waiting.count > 0 ? waiting : null })),
    api.on('storage.changed', () => useStats.getState().refresh()), // issue 15: the database stopped (or resumed) taking writes
    api.on('deliveries.deleted', ({ ids }) => {
      useInbox.getState().deleted(ids);
      useDetail.getState().forget(ids);
      useStats.getState().refresh();
    }),
    api.on('deliveries.removed', ({ throughId, endpoint }) => {
      // Retention or a clear: the loaded rows it covers go (the rest of the inbox is not loaded yet).
      const ids = useInbox
        .getState()
        .items.filter((r) => r.id <= throughId && (endpoint === null || r.endpoint === endpoint))
        .map((r) => r.id);
      useInbox.getState().deleted(ids);
      useDetail.getState().forget(ids);
      useStats.getState().refresh();
    }),
    api.on('endpoints.changed', () => {
      void useEndpoints.getState().reloadEndpoints();
      useStats.getState().refresh();
    }),
    api.on('send.attempt', ({ batchId }) => void useSender.getState().refresh(batchId)),
    api.on('send.state', ({ batchId }) => {
      void useSender.getState().refresh(batchId);
      if (useSendRuns.getState().loaded) useSendRuns.getState().reloadSoon();
    }),
    api.on('tunnel.changed', (status) => useTunnel.getState().changed(status)),
    api.on('check.started', (e) => useCheck.getState().started(e)),
    api.on('check.result', (e) => useCheck.getState().result(e)),
    api.on('check.finished', (e) => useCheck.getState().finished(e)),
    api.onConnectionChange((connection, connectionMessage) => useStats.setState({ connection, connectionMessage })),
    api.onConnected(() => {
      useStats.setState({ connection: api.connection(), waiting: null }); // reported again within a second if still so
      void useInbox.getState().catchUp();
      void useEndpoints.getState().loadAll().then(() => useTunnel.getState().load());
      const { batchId } = useSender.getState();
      if (batchId !== null) void useSender.getState().refresh(batchId);
      useStats.getState().refresh();
    }),
  ];
  return () => offs.forEach((off) => off());
}

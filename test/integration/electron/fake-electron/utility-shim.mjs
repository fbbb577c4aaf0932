// Loaded into a fake utilityProcess (`node --import utility-shim.mjs host.js`): gives it the
// `process.parentPort` Electron's utility processes have, whose first message carries the transferred
// MessagePortMain; that port's messages travel over this child's IPC (see electron.mjs). As in
// Electron, parentPort queues messages until a listener is attached, and a port until start().
import { EventEmitter } from 'node:events';

const parentPort = new EventEmitter();
process.parentPort = parentPort;
const queued = [];
parentPort.on('newListener', (event) => {
  if (event === 'message') setImmediate(() => queued.splice(0).forEach((m) => parentPort.emit('message', m)));
});

function transferredPort() {
  const port = new EventEmitter();
  const waiting = [];
  let started = false;
  port.postMessage = (data) => process.connected && process.send({ fakePortMessage: data });
  port.start = () => {
    started = true;
    for (const data of waiting.splice(0)) port.emit('message', { data });
  };
  port.close = () => {};
  process.on('message', (m) => {
    if (!m || typeof m !== 'object' || !('fakePortMessage' in m)) return;
    if (started) port.emit('message', { data: m.fakePortMessage });
    else waiting.push(m.fakePortMessage);
  });
  process.once('disconnect', () => port.emit('close'));
  return port;
}

process.on('message', (message) => {
  if (!message || typeof message !== 'object' || !('fakeParentPortMessage' in message)) return;
  const event = { data: message.fakeParentPortMessage, ports: message.ports > 0 ? [transferredPort()] : [] };
  if (parentPort.listenerCount('message') > 0) parentPort.emit('message', event);
  else queued.push(event);
});

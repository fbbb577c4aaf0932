// A webhook handler in its own process for the sender benchmark: answers every request with the
// status it was started with, after reading the body, and counts what it received.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const status = Number(process.env.HANDLER_STATUS ?? 200);
let received = 0;
const server = http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    received++;
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': '11' });
    res.end('{"ok":true}');
  });
});
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on('message', (message) => {
  if (message === 'count') process.send!({ received });
  if (message === 'stop') server.close(() => process.exit(0));
});

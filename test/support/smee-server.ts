// A stand-in for smee.io on 127.0.0.1:0 speaking its event-stream protocol: GET /<channel> opens a
// text/event-stream that starts with `event: ready`, and each relayed request is one `data:` line
// holding the request's headers as fields plus `body` (parsed), `query` and `timestamp`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SmeeStandIn {
  url: string;
  /** Streams open now. */
  open(): number;
  /** Connections ever opened. */
  connections: number;
  /** Answer the next connection attempts with this status instead of a stream (0 = stream again). */
  refuseWith: number;
  send(event: Record<string, unknown>): void;
  /** Cuts every open stream, as a dropped network would. */
  dropAll(): void;
  close(): Promise<void>;
}

export async function startSmeeStandIn(): Promise<SmeeStandIn> {
  const streams = new Set<http.ServerResponse>();
  const stand: SmeeStandIn = {
    url: '',
    open: () => streams.size,
    connections: 0,
    refuseWith: 0,
    send: (event) => {
      for (const res of streams) res.write(`data: ${JSON.stringify(event)}\n\n`);
    },
    dropAll: () => {
      for (const res of streams) res.socket?.destroy();
      streams.clear();
    },
    close: () => {
      stand.dropAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    if (stand.refuseWith) {
      res.writeHead(stand.refuseWith, { 'Content-Type': 'text/plain' }).end('no');
      return;
    }
    stand.connections++;
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write('event: ready\ndata: {}\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  stand.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return stand;
}

/** The Host rule (`loopback-host.ts`) applied to a Node server's requests and WebSocket upgrades. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { hostRefusal } from './loopback-host.ts';

/** Answers 421 Misdirected Request and returns true when the Host is not loopback on this port. */
export function refuseForeignHost(req: IncomingMessage, res: ServerResponse): boolean {
  const refusal = hostRefusal(req.headers.host, req.socket.localPort ?? 0);
  if (refusal === null) return false;
  const body = JSON.stringify({ message: refusal });
  res.shouldKeepAlive = false;
  res.writeHead(421, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), connection: 'close' });
  res.end(body);
  return true;
}

/** The same for an upgrade: answered and closed before any WebSocket handshake. */
export function refuseForeignHostUpgrade(req: IncomingMessage, socket: Duplex): boolean {
  const refusal = hostRefusal(req.headers.host, req.socket.localPort ?? 0);
  if (refusal === null) return false;
  const body = JSON.stringify({ message: refusal });
  socket.end(
    `HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  return true;
}

/**
 * The ceiling for `bench:fanout`: a bare `ws` server that broadcasts every frame a publisher
 * sends to every subscriber, wrapped like an AppSync `data` frame. No auth, no handler.
 */
import { WebSocketServer, type WebSocket } from 'ws';

const subscribers = new Set<WebSocket>();
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('connection', (socket) => {
  socket.on('message', (raw) => {
    const frame = JSON.parse(String(raw)) as { type: string; event?: string };
    if (frame.type === 'subscribe') {
      subscribers.add(socket);
      socket.send(JSON.stringify({ type: 'subscribe_success', id: 'bare' }));
    } else if (frame.type === 'publish') {
      const data = JSON.stringify({ type: 'data', id: 'bare', event: frame.event });
      for (const subscriber of subscribers) subscriber.send(data);
    }
  });
  socket.on('close', () => subscribers.delete(socket));
});
server.on('listening', () => {
  const address = server.address();
  process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => {
  // close() waits for every client to leave; the benchmark's publisher never does.
  for (const client of server.clients) client.terminate();
  server.close(() => process.exit(0));
});

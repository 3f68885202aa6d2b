/**
 * The local cloud's AppSync Events front end on one port: `POST /event` (HTTP publish),
 * `GET /event/realtime` upgraded to the `aws-appsync-event-ws` WebSocket protocol, and the
 * local-only `POST /_local/faults`. Every request and upgrade must be addressed to loopback
 * (`local/access/loopback-host.ts`). All state lives on the returned instance.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { EventApiModel } from '../template/backend-model.ts';
import { refuseForeignHost, refuseForeignHostUpgrade } from '../access/host-guard.ts';
import { createLocalAccess, type LocalAccess } from '../access/local-access.ts';
import type { Faults } from '../faults.ts';
import { EVENTS_SUBPROTOCOL, handshakeAuth, parseSubprotocols, plainHeaders } from './auth-headers.ts';
import type { EventAuthorizer, NamespaceHandlers } from './contracts.ts';
import { dataFrame } from './frames.ts';
import { handleHttpPublish } from './http-publish.ts';
import { sendError, sendPreflight } from './http-response.ts';
import { WS_MAX_PAYLOAD_BYTES } from './limits.ts';
import { handleLocalRequest, LOCAL_PATH_PREFIX } from './local-endpoints.ts';
import type { PublishDeps } from './publish-pipeline.ts';
import { internalFailure, type ServiceError } from './service-error.ts';
import { createSubscriptionRegistry } from './subscription-registry.ts';
import { serveConnection, type Subscriber, type WsConnection } from './ws-connection.ts';

export interface EventsServiceOptions {
  api: EventApiModel;
  authorizer: EventAuthorizer;
  /** By namespace name; a namespace missing here gets AppSync's defaults (forward events, allow subscribe). */
  handlers: Record<string, NamespaceHandlers>;
  /** The service registers how `dropConnections` terminates its sockets. */
  faults: Faults;
  /** Who may use `/_local/*`. Default: a fresh admin token and the default app origins. */
  access?: LocalAccess;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default 60 000 (AppSync's ~60 s). */
  keepAliveIntervalMs?: number;
  /** Sent in `connection_ack`; default 300 000. */
  connectionTimeoutMs?: number;
}

export interface EventsService {
  /** The HTTP publish endpoint, `http://host:port/event`; the socket is at `<url>/realtime`. */
  url: string;
  port: number;
  /** The token `/_local/*` requires (`x-appsync-events-local-token`). */
  adminToken: string;
  /** Terminates every socket and stops listening; safe to call twice. */
  close(): Promise<void>;
}

const PUBLISH_PATH = '/event';
const REALTIME_PATH = '/event/realtime';

export async function startEventsService(options: EventsServiceOptions): Promise<EventsService> {
  const host = options.host ?? '127.0.0.1';
  const access = options.access ?? createLocalAccess();
  const registry = createSubscriptionRegistry<Subscriber>();
  const connections = new Set<WsConnection>();
  const deps: PublishDeps = {
    api: options.api,
    authorizer: options.authorizer,
    handlers: options.handlers,
    newId: randomUUID,
    broadcast(path, events) {
      const subscriptions = registry.matching(path);
      for (const event of events) {
        for (const { subscriber, id } of subscriptions) subscriber.send(dataFrame(id, event));
      }
    },
  };
  const connectionDeps = {
    ...deps,
    registry,
    keepAliveIntervalMs: options.keepAliveIntervalMs ?? 60_000,
    connectionTimeoutMs: options.connectionTimeoutMs ?? 300_000,
  };

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_PAYLOAD_BYTES,
    // Answer with exactly the Events subprotocol, never the `header-…` one carrying credentials.
    handleProtocols: (protocols) => (protocols.has(EVENTS_SUBPROTOCOL) ? EVENTS_SUBPROTOCOL : false),
  });

  const server = createServer((req, res) => {
    if (refuseForeignHost(req, res)) return;
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(req, res, internalFailure((error as Error)?.message ?? String(error)));
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req);
    if (path.startsWith(LOCAL_PATH_PREFIX)) return handleLocalRequest(req, res, path, { faults: options.faults, access });
    if (req.method === 'OPTIONS') return sendPreflight(req, res);
    if (req.method === 'POST' && path === PUBLISH_PATH) return handleHttpPublish(req, res, deps);
    const notFound: ServiceError = { status: 404, errorType: 'NotFoundException', message: `No route for ${req.method} ${path}` };
    return sendError(req, res, notFound);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    if (refuseForeignHostUpgrade(req, socket)) return;
    if (pathOf(req) !== REALTIME_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    const subprotocols = parseSubprotocols(req.headers['sec-websocket-protocol']);
    if (!subprotocols.includes(EVENTS_SUBPROTOCOL)) return refuseUpgrade(socket, 400, 'Bad Request');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const requestHeaders = plainHeaders(req.headers);
      const connection = serveConnection(
        ws,
        { auth: handshakeAuth(subprotocols, requestHeaders), requestHeaders, sourceIp: req.socket.remoteAddress ?? '' },
        connectionDeps,
        () => connections.delete(connection),
      );
      connections.add(connection);
    });
  });

  options.faults.onDropConnections(({ sub }) => {
    const dropped = [...connections].filter((c) => sub === undefined || (c.identity !== null && 'sub' in c.identity && c.identity.sub === sub));
    for (const connection of dropped) connection.terminate();
    return dropped.length;
  });

  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}${PUBLISH_PATH}`,
    port,
    adminToken: access.adminToken,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const connection of connections) connection.terminate();
        wss.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

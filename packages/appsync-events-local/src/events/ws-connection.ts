/**
 * One realtime WebSocket: authorizes it, then translates frames to publish/subscribe calls and
 * their outcomes back to frames. Decisions live in the pipelines and `frames.ts`; this file
 * only does the socket's I/O, its keep-alive timer and its cleanup.
 */
import { WebSocket, type RawData } from 'ws';
import type { HandshakeAuth, HeaderMap } from './auth-headers.ts';
import type { Identity } from './contracts.ts';
import {
  connectionAck,
  connectionError,
  errorFrame,
  keepAlive,
  operationError,
  parseClientFrame,
  type ClientFrame,
  type ServerFrame,
} from './frames.ts';
import { EVENT_LIMITS } from './limits.ts';
import { runPublish, type PublishDeps } from './publish-pipeline.ts';
import { BAD_REQUEST } from './service-error.ts';
import { authorizeSubscribe, checkSubscribe } from './subscribe-pipeline.ts';
import type { SubscriptionRegistry } from './subscription-registry.ts';

/** Anything a subscription can deliver to. */
export interface Subscriber {
  send(frame: ServerFrame): void;
}

export interface WsConnectionDeps extends PublishDeps {
  registry: SubscriptionRegistry<Subscriber>;
  keepAliveIntervalMs: number;
  connectionTimeoutMs: number;
}

/** What the upgrade request carried. */
export interface Handshake {
  auth: HandshakeAuth;
  /** Upgrade request headers, lower-cased, without `cookie`. */
  requestHeaders: HeaderMap;
  sourceIp: string;
}

export interface WsConnection extends Subscriber {
  /** The identity the connection was authorized with (null before that, or for API_KEY). */
  readonly identity: Identity | null;
  /** Drops the socket without a close handshake, as a network failure would. */
  terminate(): void;
}

export function serveConnection(socket: WebSocket, handshake: Handshake, deps: WsConnectionDeps, onClose: () => void): WsConnection {
  let identity: Identity | null = null;
  let keepAliveTimer: NodeJS.Timeout | undefined;

  const connection: WsConnection = {
    get identity() {
      return identity;
    },
    send(frame) {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    },
    terminate: () => socket.terminate(),
  };
  const send = connection.send;

  function startKeepAlive(): void {
    if (keepAliveTimer) return;
    keepAliveTimer = setInterval(() => send(keepAlive()), deps.keepAliveIntervalMs);
    keepAliveTimer.unref();
  }

  const connectionHeaders = handshake.auth.ok ? handshake.auth.headers : {};
  const authorized = authorizeConnection();

  async function authorizeConnection(): Promise<boolean> {
    const refuse = (message: string) => {
      send(connectionError(message));
      socket.close(1000, 'Unauthorized');
      return false;
    };
    if (!handshake.auth.ok) return refuse(handshake.auth.message);
    try {
      const result = await deps.authorizer.authorize(
        { operation: 'EVENT_CONNECT', headers: connectionHeaders, signedBody: '{}', sourceIp: handshake.sourceIp },
        deps.api.connectionAuthModes,
      );
      if (!result.ok) return refuse(result.message || 'You are not authorized to make this call.');
      identity = result.identity;
      return true;
    } catch (error) {
      return refuse(`Authorization failed: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  async function handle(data: RawData, isBinary: boolean): Promise<void> {
    if (isBinary) return send(errorFrame(BAD_REQUEST, 'Binary messages are not supported'));
    const bytes = toBuffer(data);
    const parsed = parseClientFrame(bytes.toString('utf8'));
    if (!parsed.ok) return send(parsed.reply);
    const frame = parsed.frame;
    if (frame.type === 'connection_init') {
      send(connectionAck(deps.connectionTimeoutMs));
      send(keepAlive());
      return startKeepAlive();
    }
    startKeepAlive();
    if (frame.type === 'subscribe') return subscribe(frame, bytes.length);
    if (frame.type === 'unsubscribe') {
      const removed = deps.registry.unsubscribe(connection, frame.id);
      return send(
        removed
          ? { type: 'unsubscribe_success', id: frame.id }
          : operationError('unsubscribe', frame.id, { errorType: 'UnknownOperationError', message: `Unknown operation id ${frame.id}` }),
      );
    }
    return publish(frame, bytes.length);
  }

  async function subscribe(frame: Extract<ClientFrame, { type: 'subscribe' }>, bytes: number): Promise<void> {
    if (bytes > EVENT_LIMITS.maxSubscribeRequestBytes) {
      return send(operationError('subscribe', frame.id, { errorType: BAD_REQUEST, message: 'Subscribe request is too large' }));
    }
    const checked = checkSubscribe(deps, frame.channel);
    if (!checked.ok) return send(operationError('subscribe', frame.id, checked.error));
    const reserved = deps.registry.reserve(connection, frame.id, checked.pattern);
    if (!reserved.ok) {
      const message = reserved.errorType === 'DuplicatedOperationError'
        ? `Subscription id ${frame.id} is already in use`
        : `At most ${EVENT_LIMITS.maxSubscriptionsPerConnection} subscriptions per connection`;
      return send(operationError('subscribe', frame.id, { errorType: reserved.errorType, message }));
    }
    const authHeaders = frame.authorization ?? connectionHeaders;
    const outcome = await authorizeSubscribe(deps, {
      rawChannel: frame.channel,
      pattern: checked.pattern,
      target: checked.target,
      authHeaders,
      sourceIp: handshake.sourceIp,
      requestHeaders: { ...handshake.requestHeaders, ...authHeaders },
    });
    if (!outcome.ok) {
      deps.registry.cancel(connection, frame.id);
      return send(operationError('subscribe', frame.id, outcome.error));
    }
    if (deps.registry.activate(connection, frame.id)) send({ type: 'subscribe_success', id: frame.id });
  }

  async function publish(frame: Extract<ClientFrame, { type: 'publish' }>, bytes: number): Promise<void> {
    const authHeaders = frame.authorization ?? connectionHeaders;
    const outcome = await runPublish(deps, {
      channel: frame.channel,
      events: frame.events,
      authHeaders,
      signedBody: JSON.stringify({ channel: frame.channel, events: frame.events }),
      sourceIp: handshake.sourceIp,
      requestHeaders: { ...handshake.requestHeaders, ...authHeaders },
      requestBytes: bytes,
    });
    send(
      outcome.ok
        ? { type: 'publish_success', id: frame.id, successful: outcome.successful, failed: outcome.failed }
        : operationError('publish', frame.id, outcome.error),
    );
  }

  socket.on('message', (data, isBinary) => {
    // Frames wait for the connect-time authorization, then run concurrently (as AppSync does).
    void authorized
      .then((ok) => (ok ? handle(data, isBinary) : undefined))
      .catch((error: unknown) => send(errorFrame('InternalFailureException', (error as Error)?.message ?? String(error))));
  });
  // ws reports protocol violations (e.g. a frame over maxPayload) here, then closes this socket.
  socket.on('error', () => undefined);
  socket.on('close', () => {
    clearInterval(keepAliveTimer);
    deps.registry.removeSubscriber(connection);
    onClose();
  });
  return connection;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

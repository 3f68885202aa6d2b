/**
 * A `ws` client for the Events service tests: buffers every frame, lets a test await the one it
 * expects (bounded), and `settle()`s with a ping round trip instead of sleeping.
 */
import { WebSocket } from 'ws';

export type Frame = Record<string, unknown> & { type: string };
type Match = string | ((frame: Frame) => boolean);

export interface TestSocket {
  ws: WebSocket;
  /** The subprotocol the server selected. */
  protocol: string;
  send(frame: unknown): void;
  sendRaw(data: string | Buffer): void;
  /** Removes and returns the first frame matching (a type or predicate), waiting up to `timeoutMs`. */
  next(match?: Match, timeoutMs?: number): Promise<Frame>;
  /**
   * Every frame not yet taken once the server has answered a ping. Frames the server wrote
   * before it saw the ping are then guaranteed to have arrived (one ordered TCP stream).
   */
  settle(): Promise<Frame[]>;
  /** Every frame received and not yet taken, without waiting. */
  buffered(): Frame[];
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export interface OpenOptions {
  protocols?: string[];
  headers?: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 5_000;

export function realtimeUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/realtime`;
}

/** `header-<base64url JSON>`, as Amplify encodes connect credentials. */
export function headerSubprotocol(headers: Record<string, string>): string {
  return `header-${Buffer.from(JSON.stringify(headers)).toString('base64url')}`;
}

export function openTestSocket(url: string, options: OpenOptions = {}): Promise<TestSocket> {
  const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
  const buffer: Frame[] = [];
  const waiters: { matches: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });

  ws.on('error', () => undefined);
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Frame;
    const waiter = waiters.findIndex((w) => w.matches(frame));
    if (waiter === -1) buffer.push(frame);
    else waiters.splice(waiter, 1)[0]?.resolve(frame);
  });

  const socket: TestSocket = {
    ws,
    get protocol() {
      return ws.protocol;
    },
    send: (frame) => ws.send(JSON.stringify(frame)),
    sendRaw: (data) => ws.send(data),
    next(match, timeoutMs = DEFAULT_TIMEOUT_MS) {
      const matches = toPredicate(match);
      const index = buffer.findIndex(matches);
      if (index !== -1) return Promise.resolve(buffer.splice(index, 1)[0] as Frame);
      return new Promise<Frame>((resolve, reject) => {
        const waiter = {
          matches,
          resolve: (frame: Frame) => {
            clearTimeout(timer);
            resolve(frame);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`No frame matching ${String(match)} within ${timeoutMs} ms; got ${JSON.stringify(buffer)}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async settle() {
      const pong = new Promise<void>((resolve) => ws.once('pong', () => resolve()));
      ws.ping();
      await withTimeout(pong, DEFAULT_TIMEOUT_MS, 'pong');
      return buffer.splice(0);
    },
    buffered: () => buffer.splice(0),
    closed,
    async close() {
      if (ws.readyState !== WebSocket.CLOSED) {
        ws.terminate();
        await closed;
      }
    },
  };

  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`Upgrade refused: ${res.statusCode}`)));
  });
}

/** The HTTP status a refused upgrade got. */
export function upgradeStatus(url: string, options: OpenOptions = {}): Promise<number> {
  const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
  return withTimeout(
    new Promise<number>((resolve, reject) => {
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('open', () => reject(new Error('Upgrade unexpectedly accepted')));
      ws.once('error', () => undefined);
    }),
    DEFAULT_TIMEOUT_MS,
    'upgrade response',
  );
}

function toPredicate(match: Match | undefined): (frame: Frame) => boolean {
  if (match === undefined) return () => true;
  return typeof match === 'string' ? (frame) => frame.type === match : match;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * aws-amplify derives the Event API's realtime URL from its HTTP endpoint and always makes it
 * `wss://` (an `http://` endpoint included); it has no plain `ws://` option. The emulator serves
 * plain HTTP and WebSocket on one port, so a client talking to it needs a WebSocket that opens
 * `ws://` for the emulator's host. Amplify looks the global `WebSocket` up when it connects, so
 * installing the wrapper before the first `events.connect` is enough; the client stays unmodified.
 */

/** A WebSocket class: the browser's, Node 22's global, or the `ws` package's. */
export type WebSocketClass = new (url: string | URL, protocols?: string | string[]) => object;

/**
 * `Base`, except that a `wss://` URL on the emulator's host opens as `ws://`. An `https://`
 * endpoint (the emulator behind TLS) or any other host is left alone.
 */
export function emulatorWebSocket<T extends WebSocketClass>(eventsUrl: string, Base: T): T {
  const endpoint = new URL(eventsUrl);
  if (endpoint.protocol !== 'http:') return Base;
  const secure = `wss://${endpoint.host}/`;
  const plain = `ws://${endpoint.host}/`;
  const Native: WebSocketClass = Base;
  // A subclass keeps the statics (`WebSocket.OPEN`…) Amplify reads from the global.
  class EmulatorWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      const text = String(url);
      super(text.startsWith(secure) ? plain + text.slice(secure.length) : text, protocols);
    }
  }
  return EmulatorWebSocket as T;
}

/**
 * Replaces `target.WebSocket` (default `globalThis`) with {@link emulatorWebSocket}; call it before
 * the first `events.connect`. In Node 20, which has no global WebSocket, give `Base` (the `ws`
 * package's class).
 */
export function installEmulatorWebSocket(eventsUrl: string, options: { target?: { WebSocket?: unknown }; Base?: WebSocketClass } = {}): void {
  const target = options.target ?? (globalThis as { WebSocket?: unknown });
  const Base = options.Base ?? (target.WebSocket as WebSocketClass | undefined);
  if (!Base) throw new Error('No WebSocket class: give options.Base (in Node 20, the ws package\'s WebSocket)');
  target.WebSocket = emulatorWebSocket(eventsUrl, Base);
}

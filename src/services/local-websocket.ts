/**
 * aws-amplify always derives `wss://` from the Events endpoint (it has no plain `ws://` option),
 * but the local cloud speaks plain `ws://` on loopback. In local mode only, wrap the global
 * WebSocket so connections to the local events host use `ws://`. Installed before the first connect.
 */
export function installLocalWebSocket(eventsUrl: string, target: { WebSocket: typeof WebSocket } = globalThis): void {
  const host = new URL(eventsUrl).host;
  const Native = target.WebSocket;
  const prefix = `wss://${host}/`;
  class LocalWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      const text = String(url);
      super(text.startsWith(prefix) ? `ws://${host}/${text.slice(prefix.length)}` : text, protocols);
    }
  }
  target.WebSocket = LocalWebSocket as typeof WebSocket;
}

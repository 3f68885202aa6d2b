import { describe, expect, it } from 'vitest';
import { emulatorWebSocket, installEmulatorWebSocket } from './emulator-websocket.ts';

/** Records what it was opened with, as a WebSocket class would receive it. */
class RecordingSocket {
  static readonly OPEN = 1;
  constructor(
    readonly url: string | URL,
    readonly protocols?: string | string[],
  ) {}
}

// What aws-amplify derives from an `http://127.0.0.1:4010/event` endpoint: always wss, `/realtime` appended.
const AMPLIFY_REALTIME_URL = 'wss://127.0.0.1:4010/event/realtime';

describe('emulatorWebSocket', () => {
  it("opens the realtime URL aws-amplify derives from the emulator's endpoint as plain ws, with the same subprotocols", () => {
    const Socket = emulatorWebSocket('http://127.0.0.1:4010/event', RecordingSocket);

    const socket = new Socket(AMPLIFY_REALTIME_URL, ['aws-appsync-event-ws', 'header-e30']);

    expect(socket.url).toBe('ws://127.0.0.1:4010/event/realtime');
    expect(socket.protocols).toEqual(['aws-appsync-event-ws', 'header-e30']);
    expect(socket).toBeInstanceOf(RecordingSocket);
    expect(Socket.OPEN).toBe(1);
  });

  it('leaves another host, or another port of the same host, on wss', () => {
    const Socket = emulatorWebSocket('http://127.0.0.1:4010/event', RecordingSocket);

    expect(new Socket('wss://abc.appsync-realtime-api.us-east-1.amazonaws.com/event/realtime').url).toBe('wss://abc.appsync-realtime-api.us-east-1.amazonaws.com/event/realtime');
    expect(new Socket('wss://127.0.0.1:4011/event/realtime').url).toBe('wss://127.0.0.1:4011/event/realtime');
  });

  it('changes nothing for an https endpoint, whose wss is real', () => {
    expect(emulatorWebSocket('https://localhost:4443/event', RecordingSocket)).toBe(RecordingSocket);
  });
});

describe('installEmulatorWebSocket', () => {
  it("wraps the target's WebSocket", () => {
    const target: { WebSocket?: unknown } = { WebSocket: RecordingSocket };

    installEmulatorWebSocket('http://localhost:4010/event', { target });
    const socket = new (target.WebSocket as typeof RecordingSocket)('wss://localhost:4010/event/realtime');

    expect(socket.url).toBe('ws://localhost:4010/event/realtime');
  });

  it('installs the given class where there is no WebSocket (Node 20), and refuses when there is none at all', () => {
    const target: { WebSocket?: unknown } = {};

    installEmulatorWebSocket('http://localhost:4010/event', { target, Base: RecordingSocket });

    expect(new (target.WebSocket as typeof RecordingSocket)('wss://localhost:4010/event/realtime').url).toBe('ws://localhost:4010/event/realtime');
    expect(() => installEmulatorWebSocket('http://localhost:4010/event', { target: {} })).toThrow(/No WebSocket class/);
  });
});

/** What a client app needs to use the emulator with an unmodified aws-amplify v6: its configuration and a WebSocket that speaks `ws://`. */
export { amplifyConfigFromOutputs } from './amplify-config.ts';
export type { AmplifyClientConfig, AmplifyConfigOptions, ClientOutputs, EventsAuthMode } from './amplify-config.ts';
export { emulatorWebSocket, installEmulatorWebSocket } from './emulator-websocket.ts';
export type { WebSocketClass } from './emulator-websocket.ts';

/**
 * What a client without aws-amplify needs against a running emulator: a user pool token from a
 * password sign-in, the credential objects AppSync reads (headers on HTTP, the `header-…`
 * subprotocol or a frame's `authorization` on the socket), sockets that close with the test, and
 * a raw `POST /event`.
 */
import type { EmulatorOutputs } from '../../src/index.ts';
import { headerSubprotocol, openTestSocket, realtimeUrl, type OpenOptions, type TestSocket } from '../../src/events/test-socket.ts';

export const EVENT_WS_PROTOCOL = 'aws-appsync-event-ws';

/** `Authorization` (a user pool token) or `x-api-key`, with the API's HTTP host. */
export type Credentials = Record<string, string>;

/** `InitiateAuth` USER_PASSWORD_AUTH with the outputs' app client (which allows it); the access token, as Amplify sends it. */
export async function signInForAccessToken(outputs: EmulatorOutputs, email: string, password: string): Promise<string> {
  const response = await fetch(outputs.custom.local.user_pool_endpoint ?? '', {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: outputs.auth?.user_pool_client_id, AuthParameters: { USERNAME: email, PASSWORD: password } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { AccessToken?: string }; message?: string };
  const token = body.AuthenticationResult?.AccessToken;
  if (!response.ok || token === undefined) throw new Error(`Sign-in failed: HTTP ${response.status} ${body.message ?? ''}`);
  return token;
}

export interface RawEventsClient {
  /** The realtime URL: `ws://<host>/event/realtime`. */
  realtimeUrl: string;
  /** The API's HTTP host, which AppSync's credential objects carry as `host`. */
  host: string;
  userPool(token: string): Credentials;
  apiKey(key: string): Credentials;
  /** A raw socket, closed by `close`. */
  open(options?: OpenOptions): Promise<TestSocket>;
  /** Connects with `credentials` in the header subprotocol, sends `connection_init`, takes the ack and the first `ka`. */
  connect(credentials: Credentials): Promise<TestSocket>;
  /** `POST /event` with `headers`; a string body is sent as is. */
  post(body: unknown, headers: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export function rawEventsClient(eventsUrl: string): RawEventsClient {
  const host = new URL(eventsUrl).host;
  const sockets: TestSocket[] = [];
  const client: RawEventsClient = {
    realtimeUrl: realtimeUrl(eventsUrl),
    host,
    userPool: (token) => ({ Authorization: token, host }),
    apiKey: (key) => ({ 'x-api-key': key, host }),
    async open(options) {
      const socket = await openTestSocket(client.realtimeUrl, options);
      sockets.push(socket);
      return socket;
    },
    async connect(credentials) {
      const socket = await client.open({ protocols: [EVENT_WS_PROTOCOL, headerSubprotocol(credentials)] });
      socket.send({ type: 'connection_init' });
      await socket.next('connection_ack');
      await socket.next('ka');
      return socket;
    },
    post: (body, headers) =>
      fetch(eventsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async close() {
      await Promise.all(sockets.splice(0).map((socket) => socket.close()));
    },
  };
  return client;
}

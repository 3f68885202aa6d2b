/**
 * A bare AppSync Events WebSocket, for sending what no well-behaved client would (fuzz frames,
 * forged credentials) and reading every frame the server answers with.
 */
import { once } from 'node:events';
import WebSocket from 'ws';
import type { AmplifyOutputs } from '../../core/outputs.ts';
import { ADMIN_TOKEN_HEADER } from 'appsync-events-local';

export interface ServerFrame {
  type: string;
  id?: string;
  errors?: { errorType: string; message: string; errorCode?: number }[];
  successful?: { identifier: string; index: number }[];
  failed?: { identifier: string; index: number; code: number; message: string }[];
  event?: string;
  [key: string]: unknown;
}

export interface RawEventsSocket {
  socket: WebSocket;
  send(data: string | Buffer, options?: { binary?: boolean }): void;
  /** The next frame `match` accepts (others are kept for later calls); rejects on timeout or close. */
  next(match: (frame: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  /** Resolves with the close code once the server closed the socket. */
  closed: Promise<number>;
  close(): void;
}

export const EVENTS_SUBPROTOCOL = 'aws-appsync-event-ws';

/** The `header-…` subprotocol carrying an auth object, base64url without padding. */
export function headerSubprotocol(auth: Record<string, string>): string {
  return `header-${Buffer.from(JSON.stringify(auth)).toString('base64url')}`;
}

export function realtimeUrl(eventsUrl: string): string {
  return `${eventsUrl.replace(/^http/, 'ws')}/realtime`;
}

export async function openRawSocket(eventsUrl: string, auth: Record<string, string>): Promise<RawEventsSocket> {
  const socket = new WebSocket(realtimeUrl(eventsUrl), [EVENTS_SUBPROTOCOL, headerSubprotocol(auth)]);
  const queue: ServerFrame[] = [];
  const waiters = new Set<() => void>();
  let closeCode: number | null = null;
  const closed = new Promise<number>((resolve) => {
    socket.on('close', (code) => {
      closeCode = code;
      resolve(code);
      for (const wake of waiters) wake();
    });
  });
  socket.on('error', () => undefined);
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    queue.push(JSON.parse(String(data)) as ServerFrame);
    for (const wake of waiters) wake();
  });
  await once(socket, 'open');
  return {
    socket,
    send: (data, options) => socket.send(data, { binary: options?.binary ?? false }),
    next(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const index = queue.findIndex(match);
          if (index >= 0) {
            cleanup();
            resolve(queue.splice(index, 1)[0]!);
          } else if (closeCode !== null) {
            cleanup();
            reject(new Error(`socket closed (${closeCode})`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching frame within ${timeoutMs} ms; queued: ${queue.map((f) => f.type).join(',')}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    closed,
    close: () => socket.terminate(),
  };
}

/**
 * USER_PASSWORD_AUTH against the local user pool, in one request: the access and ID tokens. The
 * app's client allows only SRP (as deployed), so this tooling shortcut carries the admin token.
 */
export async function signInTokens(outputs: AmplifyOutputs, email: string, password: string): Promise<{ accessToken: string; idToken: string }> {
  const response = await fetch(outputs.custom.local!.user_pool_endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      [ADMIN_TOKEN_HEADER]: outputs.custom.local!.admin_token ?? '',
    },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: outputs.auth.user_pool_client_id, AuthParameters: { USERNAME: email, PASSWORD: password } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { AccessToken: string; IdToken: string } };
  if (!body.AuthenticationResult) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return { accessToken: body.AuthenticationResult.AccessToken, idToken: body.AuthenticationResult.IdToken };
}

/**
 * One real aws-amplify v6 client, bundled to run inside a `node:vm` context (see
 * `amplify-realm.ts`). Amplify's Auth and Events are singletons per JS realm, so every context is
 * one signed-in user with its own WebSocket, configured exactly as the app configures itself.
 * The host calls `globalThis.parleyClient.run(command)` and receives events through `emit`.
 */
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn } from 'aws-amplify/auth';
import { events, type EventsChannel } from 'aws-amplify/data';
import { Hub } from 'aws-amplify/utils';
import type { AmplifyOutputs } from '../../core/outputs.ts';
import { configFromOutputs } from '../../src/config.ts';
import { installLocalWebSocket } from '../../src/services/local-websocket.ts';
import { quietLocalWarnings } from '../../src/services/quiet-local-warnings.ts';

export type RealmCommand =
  | { op: 'signIn'; username: string; password: string }
  | { op: 'subscribe'; key: string; channel: string }
  | { op: 'publish'; channel: string; events: unknown[] }
  | { op: 'post'; channel: string; events: unknown[] }
  | { op: 'api'; method: 'GET' | 'POST'; path: string; body?: unknown }
  | { op: 'accessToken' }
  | { op: 'close' };

export type RealmMessage =
  | { kind: 'event'; key: string; event: unknown }
  | { kind: 'subscriptionError'; key: string; error: string }
  | { kind: 'connectionState'; state: string }
  /** What the server answered a WebSocket publish, per event (Amplify's `publish()` drops it). */
  | { kind: 'wirePublish'; outcomes: { clientMsgId: string; ok: boolean; message?: string }[] };

export interface RealmClient {
  run(command: RealmCommand): Promise<unknown>;
}

interface RealmGlobals {
  parleyOutputs: AmplifyOutputs;
  parleyEmit: (message: RealmMessage) => void;
  parleyClient?: RealmClient;
}

const realm = globalThis as unknown as RealmGlobals & { WebSocket: typeof WebSocket };
const outputs = realm.parleyOutputs;
const emit = realm.parleyEmit;
const config = configFromOutputs(outputs);
installLocalWebSocket(config.eventsUrl, realm);
quietLocalWarnings();
Amplify.configure(config.amplify);

const channels = new Map<string, EventsChannel>();
Hub.listen('api', ({ payload }) => {
  const data = payload.data as { connectionState?: string } | undefined;
  if (payload.event === 'ConnectionStateChange' && data?.connectionState) emit({ kind: 'connectionState', state: data.connectionState });
});

async function accessToken(): Promise<string> {
  return (await fetchAuthSession()).tokens?.accessToken.toString() ?? '';
}

async function run(command: RealmCommand): Promise<unknown> {
  switch (command.op) {
    case 'signIn': {
      // aws-amplify's default flow, USER_SRP_AUTH, as the app signs in.
      const result = await signIn({ username: command.username, password: command.password });
      if (!result.isSignedIn) throw new Error(`sign-in stopped at ${result.nextStep.signInStep}`);
      return undefined;
    }
    case 'subscribe': {
      const channel = await events.connect(command.channel);
      const subscription = channel.subscribe({
        next: (data) => emit({ kind: 'event', key: command.key, event: data.event }),
        error: (error: unknown) => emit({ kind: 'subscriptionError', key: command.key, error: JSON.stringify(error) }),
      });
      await subscription.ready;
      channels.set(command.key, channel);
      return undefined;
    }
    case 'publish': {
      // The subscribed room's channel object when there is one, as an app holding it would.
      const channel = [...channels.entries()].find(([key]) => key === command.channel)?.[1] ?? (await events.connect(command.channel));
      await channel.publish(command.events as never);
      return undefined;
    }
    case 'post':
      return (await events.post(command.channel, command.events as never)) ?? null;
    case 'api': {
      // The HTTP API as the app's services call it: the session's Cognito token behind Bearer.
      const endpoint = outputs.custom?.API?.parley?.endpoint ?? '';
      const response = await fetch(`${endpoint}${command.path}`, {
        method: command.method,
        headers: {
          authorization: `Bearer ${await accessToken()}`,
          ...(command.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: command.body === undefined ? undefined : JSON.stringify(command.body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${command.method} ${command.path}: HTTP ${response.status} ${text}`);
      return JSON.parse(text) as unknown;
    }
    case 'accessToken':
      return accessToken();
    case 'close':
      await events.closeAll();
      return undefined;
  }
}

realm.parleyClient = { run };

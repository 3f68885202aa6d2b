/**
 * One unmodified aws-amplify v6 client in a worker thread of its own (Amplify's Auth and Events
 * are process-wide singletons, so each simulated user needs a thread). Configured the way an app
 * using the emulator configures itself: the package's client helper on the outputs file, and the
 * `ws` package as the WebSocket Node 20 lacks. Driven by `amplify-client.ts`.
 */
import { Amplify } from 'aws-amplify';
import { type JWT, signIn, type TokenProvider } from 'aws-amplify/auth';
import { events, type EventsChannel } from 'aws-amplify/data';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import { amplifyConfigFromOutputs, type AmplifyConfigOptions, type ClientOutputs, type EventsAuthMode, installEmulatorWebSocket } from '../../src/client/index.ts';

/** Per-call auth, as aws-amplify's Events calls take it. */
export interface CallAuth {
  authMode?: EventsAuthMode;
  authToken?: string;
  apiKey?: string;
}

export type ClientCommand =
  | { op: 'signIn'; username: string; password: string }
  | { op: 'subscribe'; key: string; channel: string; auth?: CallAuth }
  | { op: 'post'; channel: string; events: unknown[]; auth?: CallAuth };

export type WorkerMessage =
  | { kind: 'reply'; seq: number; ok: true; value?: unknown }
  | { kind: 'reply'; seq: number; ok: false; error: string }
  | { kind: 'event'; key: string; event: unknown }
  | { kind: 'subscriptionError'; key: string; error: string };

export interface WorkerInput {
  outputs: ClientOutputs;
  options?: AmplifyConfigOptions;
  /**
   * A token from another issuer (OIDC), handed to Amplify as its session's access token through a
   * custom token provider, as an app signed in elsewhere does; the `oidc` mode sends it.
   */
  accessToken?: string;
}

const port = ((p: MessagePort | null): MessagePort => {
  if (!p) throw new Error('amplify-worker must run in a worker thread');
  return p;
})(parentPort);
const { outputs, options, accessToken } = workerData as WorkerInput;
installEmulatorWebSocket(outputs.custom.events.url, { Base: WebSocket });
Amplify.configure(amplifyConfigFromOutputs(outputs, options), accessToken === undefined ? undefined : { Auth: { tokenProvider: tokenProviderOf(accessToken) } });

const channels = new Map<string, EventsChannel>();

function tokenProviderOf(token: string): TokenProvider {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as JWT['payload'];
  const accessToken: JWT = { payload, toString: () => token };
  return { getTokens: async () => ({ accessToken }) };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return JSON.stringify(error);
}

async function run(command: ClientCommand): Promise<unknown> {
  switch (command.op) {
    case 'signIn': {
      // aws-amplify's default flow: USER_SRP_AUTH.
      const result = await signIn({ username: command.username, password: command.password });
      if (!result.isSignedIn) throw new Error(`sign-in stopped at ${result.nextStep.signInStep}`);
      return undefined;
    }
    case 'subscribe': {
      const channel = await events.connect(command.channel, command.auth);
      channels.set(command.key, channel);
      const subscription = channel.subscribe(
        {
          next: (data) => port.postMessage({ kind: 'event', key: command.key, event: data.event } satisfies WorkerMessage),
          error: (error: unknown) => port.postMessage({ kind: 'subscriptionError', key: command.key, error: describeError(error) } satisfies WorkerMessage),
        },
        command.auth,
      );
      await subscription.ready;
      return undefined;
    }
    case 'post':
      return (await events.post(command.channel, command.events as never, command.auth)) ?? null;
  }
}

port.on('message', ({ seq, command }: { seq: number; command: ClientCommand }) => {
  run(command).then(
    (value) => port.postMessage({ kind: 'reply', seq, ok: true, value } satisfies WorkerMessage),
    (error: unknown) => port.postMessage({ kind: 'reply', seq, ok: false, error: describeError(error) } satisfies WorkerMessage),
  );
});

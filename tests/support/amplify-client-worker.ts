/**
 * One real aws-amplify v6 client, alone in a worker thread (Amplify's Auth and Events are
 * process-wide singletons, so each simulated user gets a thread of its own). Configured exactly
 * as the app configures itself, from the outputs file. Driven by `amplify-client.ts`.
 */
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn, signOut, signUp, updateUserAttributes } from 'aws-amplify/auth';
import { del, get, post, put } from 'aws-amplify/api';
import { events, type EventsChannel } from 'aws-amplify/data';
import { Hub } from 'aws-amplify/utils';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import { type AmplifyOutputs, HTTP_API_NAME } from '../../core/outputs.ts';
import { configFromOutputs } from '../../src/config.ts';
import { installLocalWebSocket } from '../../src/services/local-websocket.ts';
import { quietLocalWarnings } from '../../src/services/quiet-local-warnings.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type ClientCommand =
  | { op: 'signIn'; username: string; password: string }
  | { op: 'signUp'; username: string; password: string; attributes?: Record<string, string> }
  | { op: 'updateAttributes'; attributes: Record<string, string> }
  | { op: 'subscribe'; key: string; channel: string }
  | { op: 'unsubscribe'; key: string }
  | { op: 'publish'; channel: string; events: unknown[] }
  | { op: 'post'; channel: string; events: unknown[] }
  | { op: 'postMany'; channel: string; batches: unknown[][]; concurrency: number }
  | { op: 'rest'; method: HttpMethod; path: string; body?: unknown }
  | { op: 'http'; method: HttpMethod; path: string; body?: unknown; withToken: boolean }
  | { op: 'tokens'; forceRefresh?: boolean }
  | { op: 'signOut' };

export type WorkerMessage =
  | { kind: 'reply'; seq: number; ok: true; value?: unknown }
  | { kind: 'reply'; seq: number; ok: false; error: string }
  | { kind: 'event'; key: string; event: unknown }
  | { kind: 'subscriptionError'; key: string; error: string }
  | { kind: 'connectionState'; state: string };

const port = ((p: MessagePort | null): MessagePort => {
  if (!p) throw new Error('amplify-client-worker must run in a worker thread');
  return p;
})(parentPort);
const config = configFromOutputs(workerData.outputs as AmplifyOutputs);
(globalThis as { WebSocket: unknown }).WebSocket = WebSocket;
installLocalWebSocket(config.eventsUrl, globalThis as unknown as { WebSocket: typeof globalThis.WebSocket });
quietLocalWarnings();
Amplify.configure(config.amplify);

const REST_API_NAME = HTTP_API_NAME;
const channels = new Map<string, { channel: EventsChannel; unsubscribe: () => void }>();
Hub.listen('api', ({ payload }) => {
  const data = payload.data as { connectionState?: string } | undefined;
  if (payload.event === 'ConnectionStateChange' && data?.connectionState) {
    port.postMessage({ kind: 'connectionState', state: data.connectionState } satisfies WorkerMessage);
  }
});

async function run(command: ClientCommand): Promise<unknown> {
  switch (command.op) {
    case 'signIn': {
      // aws-amplify's default flow, USER_SRP_AUTH, as the app signs in.
      const result = await signIn({ username: command.username, password: command.password });
      if (!result.isSignedIn) throw new Error(`sign-in stopped at ${result.nextStep.signInStep}`);
      return undefined;
    }
    case 'signUp': {
      // What the app's sign-up form sends: the email as the username and as the one attribute
      // (plus whatever else a test tries to write).
      const result = await signUp({
        username: command.username,
        password: command.password,
        options: { userAttributes: { email: command.username, ...command.attributes } },
      });
      return { nextStep: result.nextStep.signUpStep };
    }
    case 'updateAttributes':
      return await updateUserAttributes({ userAttributes: command.attributes });
    case 'subscribe': {
      const channel = await events.connect(command.channel);
      const subscription = channel.subscribe({
        next: (data) => port.postMessage({ kind: 'event', key: command.key, event: data.event } satisfies WorkerMessage),
        error: (error: unknown) =>
          port.postMessage({ kind: 'subscriptionError', key: command.key, error: JSON.stringify(error) } satisfies WorkerMessage),
      });
      await subscription.ready;
      channels.set(command.key, { channel, unsubscribe: () => subscription.unsubscribe() });
      return undefined;
    }
    case 'unsubscribe': {
      const entry = channels.get(command.key);
      entry?.unsubscribe();
      entry?.channel.close();
      channels.delete(command.key);
      return undefined;
    }
    case 'publish': {
      const channel = await events.connect(command.channel);
      await channel.publish(command.events as never);
      return undefined;
    }
    case 'post':
      return (await events.post(command.channel, command.events as never)) ?? null;
    case 'postMany': {
      // Bulk seeding: `concurrency` posts in flight, in batch order per lane; one round trip to the test.
      let next = 0;
      const failed: unknown[] = [];
      const lane = async () => {
        while (next < command.batches.length) {
          const batch = command.batches[next];
          next += 1;
          const result = await events.post(command.channel, batch as never);
          if (Array.isArray(result)) failed.push(...result);
        }
      };
      await Promise.all(Array.from({ length: command.concurrency }, lane));
      return failed;
    }
    case 'rest': {
      // The HTTP API's JWT authorizer takes the Cognito token; Amplify's REST client sends what we give it.
      const token = (await fetchAuthSession()).tokens?.accessToken.toString() ?? '';
      const options = { headers: { Authorization: `Bearer ${token}` } };
      const withBody = { ...options, ...(command.body === undefined ? {} : { body: command.body as never }) };
      const request =
        command.method === 'GET'
          ? get({ apiName: REST_API_NAME, path: command.path, options })
          : command.method === 'DELETE'
            ? del({ apiName: REST_API_NAME, path: command.path, options: withBody })
            : command.method === 'PUT'
              ? put({ apiName: REST_API_NAME, path: command.path, options: withBody })
              : post({ apiName: REST_API_NAME, path: command.path, options: withBody });
      const { statusCode, body } = await request.response;
      return { statusCode, body: await body.json() };
    }
    case 'http': {
      // Any status, any content type: for 401/403 answers and file downloads, which `rest` rejects or parses as JSON.
      const endpoint = (workerData.outputs as AmplifyOutputs).custom?.API?.[REST_API_NAME]?.endpoint ?? '';
      const token = command.withToken ? ((await fetchAuthSession()).tokens?.accessToken.toString() ?? '') : undefined;
      const response = await fetch(`${endpoint}${command.path}`, {
        method: command.method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(command.body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: command.body === undefined ? undefined : JSON.stringify(command.body),
      });
      return { statusCode: response.status, headers: Object.fromEntries(response.headers), text: await response.text() };
    }
    case 'tokens': {
      const session = await fetchAuthSession({ forceRefresh: command.forceRefresh ?? false });
      return { accessToken: session.tokens?.accessToken.toString(), idToken: session.tokens?.idToken?.toString() };
    }
    case 'signOut':
      await signOut();
      return undefined;
  }
}

port.on('message', ({ seq, command }: { seq: number; command: ClientCommand }) => {
  run(command).then(
    (value) => port.postMessage({ kind: 'reply', seq, ok: true, value } satisfies WorkerMessage),
    (error: unknown) =>
      port.postMessage({ kind: 'reply', seq, ok: false, error: describeError(error) } satisfies WorkerMessage),
  );
});

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return JSON.stringify(error);
}

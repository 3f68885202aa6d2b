import { Worker } from 'node:worker_threads';
import { demoUsers } from '../../local/demo-users.ts';
import type { AmplifyOutputs } from '../../core/outputs.ts';
import type { ClientCommand, HttpMethod, WorkerMessage } from './amplify-client-worker.ts';

/** A real aws-amplify client for one user, running in its own worker thread. */
export interface AmplifyTestClient {
  signIn(username: string, password: string): Promise<void>;
  /** Amplify's `signUp` with the email (and any other attributes given); resolves the next step, rejects with Cognito's error. */
  signUp(email: string, password: string, attributes?: Record<string, string>): Promise<{ nextStep: string }>;
  /** Amplify's `updateUserAttributes` for the signed-in user; rejects with Cognito's error. */
  updateAttributes(attributes: Record<string, string>): Promise<unknown>;
  /** Subscribes and resolves once the subscription is ready (subscribe_success). */
  subscribe(key: string, channel: string): Promise<void>;
  unsubscribe(key: string): Promise<void>;
  /** WebSocket publish (`channel.publish`). */
  publish(channel: string, events: unknown[]): Promise<void>;
  /** HTTP publish (`events.post`); resolves the `failed` list, or null when none failed. */
  post(channel: string, events: unknown[]): Promise<unknown>;
  /** Many `events.post` calls, `concurrency` at a time (bulk seeding); resolves every failed entry. */
  postMany(channel: string, batches: unknown[][], concurrency: number): Promise<unknown[]>;
  /** The session's tokens; `forceRefresh` goes through the user pool's refresh call. */
  tokens(forceRefresh?: boolean): Promise<{ accessToken?: string; idToken?: string }>;
  /** A call through Amplify's REST client to the history/moderation HTTP API (non-2xx rejects). */
  rest(method: HttpMethod, path: string, body?: unknown): Promise<{ statusCode: number; body: unknown }>;
  /** A plain HTTP call to the HTTP API with this session's access token (or none): any status, the raw text. */
  http(
    method: HttpMethod,
    path: string,
    options?: { body?: unknown; withToken?: boolean },
  ): Promise<{ statusCode: number; headers: Record<string, string>; text: string }>;
  /** Everything received on a subscription so far. */
  received(key: string): unknown[];
  /** Resolves when the subscription has received `count` events; rejects after `timeoutMs`. */
  waitForEvents(key: string, count: number, timeoutMs?: number): Promise<unknown[]>;
  connectionStates: string[];
  subscriptionErrors: { key: string; error: string }[];
  close(): Promise<void>;
}

export function startAmplifyClient(outputs: AmplifyOutputs): AmplifyTestClient {
  const worker = new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), {
    workerData: { outputs, entry: new URL('./amplify-client-worker.ts', import.meta.url).href },
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  let seq = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const received = new Map<string, unknown[]>();
  const waiters = new Set<() => void>();
  const connectionStates: string[] = [];
  const subscriptionErrors: { key: string; error: string }[] = [];

  worker.on('message', (message: WorkerMessage) => {
    if (message.kind === 'reply') {
      const entry = pending.get(message.seq);
      pending.delete(message.seq);
      if (message.ok) entry?.resolve(message.value);
      else entry?.reject(new Error(message.error));
    } else if (message.kind === 'event') {
      received.set(message.key, [...(received.get(message.key) ?? []), message.event]);
      for (const wake of waiters) wake();
    } else if (message.kind === 'subscriptionError') {
      subscriptionErrors.push({ key: message.key, error: message.error });
    } else {
      connectionStates.push(message.state);
    }
  });
  worker.on('error', (error) => {
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  });

  const call = (command: ClientCommand): Promise<unknown> =>
    new Promise((resolve, reject) => {
      seq += 1;
      pending.set(seq, { resolve, reject });
      worker.postMessage({ seq, command });
    });

  return {
    signIn: async (username, password) => void (await call({ op: 'signIn', username, password })),
    signUp: async (username, password, attributes) => (await call({ op: 'signUp', username, password, attributes })) as { nextStep: string },
    updateAttributes: (attributes) => call({ op: 'updateAttributes', attributes }),
    subscribe: async (key, channel) => void (await call({ op: 'subscribe', key, channel })),
    unsubscribe: async (key) => void (await call({ op: 'unsubscribe', key })),
    publish: async (channel, events) => void (await call({ op: 'publish', channel, events })),
    post: (channel, events) => call({ op: 'post', channel, events }),
    postMany: async (channel, batches, concurrency) =>
      (await call({ op: 'postMany', channel, batches, concurrency })) as unknown[],
    rest: async (method, path, body) =>
      (await call({ op: 'rest', method, path, body })) as { statusCode: number; body: unknown },
    http: async (method, path, options = {}) =>
      (await call({ op: 'http', method, path, body: options.body, withToken: options.withToken ?? true })) as {
        statusCode: number;
        headers: Record<string, string>;
        text: string;
      },
    tokens: async (forceRefresh) => (await call({ op: 'tokens', forceRefresh })) as { accessToken?: string; idToken?: string },
    received: (key) => received.get(key) ?? [],
    waitForEvents(key, count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const events = received.get(key) ?? [];
          if (events.length < count) return;
          cleanup();
          resolve(events);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`expected ${count} events on ${key}, got ${(received.get(key) ?? []).length}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    connectionStates,
    subscriptionErrors,
    close: async () => void (await worker.terminate()),
  };
}

/** The demo users of `local/demo-users.ts`, by the name before their email's `@`. */
export type DemoUserName = 'alice' | 'bob' | 'mod';

/** One real aws-amplify client per named demo user, each signed in, in the order named. */
export async function signedInDemoClients(outputs: AmplifyOutputs, ...names: DemoUserName[]): Promise<AmplifyTestClient[]> {
  const users = names.map((name) => {
    const user = demoUsers.find((u) => u.email.startsWith(`${name}@`));
    if (!user) throw new Error(`No demo user ${name}`);
    return user;
  });
  const clients = users.map(() => startAmplifyClient(outputs));
  try {
    await Promise.all(users.map((user, i) => clients[i]?.signIn(user.email, user.password)));
    return clients;
  } catch (error) {
    // The caller never gets the clients, so it could not close their workers.
    await Promise.all(clients.map((client) => client.close()));
    throw error;
  }
}

import { Worker } from 'node:worker_threads';
import type { AmplifyConfigOptions, ClientOutputs } from '../../src/client/index.ts';
import type { CallAuth, ClientCommand, WorkerInput, WorkerMessage } from './amplify-worker.ts';

/** A real aws-amplify client for one user, in its own worker thread. */
export interface AmplifyTestClient {
  /** Amplify's `signIn` (SRP); rejects with Cognito's error. */
  signIn(username: string, password: string): Promise<void>;
  /** `events.connect` then `subscribe`; resolves once the subscription is ready, rejects with its error. */
  subscribe(key: string, channel: string, auth?: CallAuth): Promise<void>;
  /** `events.post`: resolves what it resolves (null when every event succeeded), rejects with its error. */
  post(channel: string, events: unknown[], auth?: CallAuth): Promise<unknown>;
  /** Resolves when the subscription has received `count` events; rejects after `timeoutMs`. */
  waitForEvents(key: string, count: number, timeoutMs?: number): Promise<unknown[]>;
  /** Errors the subscriptions' observers received, by key. */
  subscriptionErrors: { key: string; error: string }[];
  close(): Promise<void>;
}

export function startAmplifyClient(outputs: ClientOutputs, options?: AmplifyConfigOptions, accessToken?: string): AmplifyTestClient {
  const worker = new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), {
    workerData: { outputs, options, accessToken, entry: new URL('./amplify-worker.ts', import.meta.url).href } satisfies WorkerInput & { entry: string },
  });
  let seq = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const received = new Map<string, unknown[]>();
  const waiters = new Set<() => void>();
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
    } else {
      subscriptionErrors.push({ key: message.key, error: message.error });
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
    subscribe: async (key, channel, auth) => void (await call({ op: 'subscribe', key, channel, auth })),
    post: (channel, events, auth) => call({ op: 'post', channel, events, auth }),
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
    subscriptionErrors,
    close: async () => void (await worker.terminate()),
  };
}

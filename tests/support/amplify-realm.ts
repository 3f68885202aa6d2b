/**
 * Many real aws-amplify clients in one thread. Amplify keeps its Auth and Events state in
 * module-level singletons, one per JS realm; a worker thread per user (`amplify-client.ts`)
 * costs ~85 MB and ~1 s of CPU, too much for hundreds of users on a small machine. Here the
 * unmodified aws-amplify code is bundled once (esbuild) and compiled once (`vm.Script`), then
 * run in a fresh `node:vm` context per user: its own realm, so its own singletons, its own
 * signed-in session and its own WebSocket. The host lends each context the platform APIs Node
 * gives a module (fetch, timers, WebSocket from `ws`, WebCrypto, …).
 */
import { build } from 'esbuild';
import { createRequire, isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import WebSocket from 'ws';
import type { AmplifyOutputs } from '../../core/outputs.ts';
import type { RealmCommand, RealmClient, RealmMessage } from './amplify-realm-client.ts';

export type { RealmCommand, RealmMessage } from './amplify-realm-client.ts';

export interface AmplifyRealmClient {
  signIn(username: string, password: string): Promise<void>;
  /** `events.connect` + `channel.subscribe`; resolves on `subscribe_success` (`ready`). */
  subscribe(key: string, channel: string): Promise<void>;
  /** WebSocket publish (`channel.publish`). */
  publish(channel: string, events: unknown[]): Promise<void>;
  /** HTTP publish (`events.post`): the `failed` list, or null when none failed. */
  post(channel: string, events: unknown[]): Promise<unknown>;
  /** The HTTP API with this session's access token: the JSON body; rejects on a non-2xx status. */
  api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
  accessToken(): Promise<string>;
  /** `events.closeAll()`: closes the socket for good. */
  close(): Promise<void>;
}

const hostRequire = createRequire(import.meta.url);
let compiled: Promise<vm.Script> | undefined;

/** Bundles and compiles the client once per process. */
function clientScript(): Promise<vm.Script> {
  compiled ??= (async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./amplify-realm-client.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'iife',
      target: 'node20',
      write: false,
      logLevel: 'error',
    });
    return new vm.Script(result.outputFiles[0]!.text, { filename: 'amplify-realm-client.js' });
  })();
  return compiled;
}

/** What a module sees in Node beyond ECMAScript's own built-ins. */
function platformGlobals(): Record<string, unknown> {
  const g = globalThis as Record<string, unknown>;
  const names = [
    'fetch', 'Headers', 'Request', 'Response', 'FormData', 'Blob', 'AbortController', 'AbortSignal',
    'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'atob', 'btoa', 'crypto', 'structuredClone',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
    'queueMicrotask', 'performance', 'EventTarget', 'Event', 'Buffer', 'process',
  ];
  return Object.fromEntries(names.filter((name) => name in g).map((name) => [name, g[name]]));
}

type Outcome = { clientMsgId: string; ok: boolean; message?: string };

/**
 * `ws`, plus a tap on the wire: Amplify resolves `channel.publish()` on `publish_success` and
 * drops its `successful`/`failed` lists, so the tap reports them (by `clientMsgId`) before the
 * promise settles. Everything else passes through untouched.
 */
function tappedWebSocket(onMessage: (message: RealmMessage) => void) {
  const pending = new Map<string, string[]>();
  const clientMsgIdOf = (event: unknown): string => {
    try {
      return String((JSON.parse(String(event)) as { clientMsgId?: unknown }).clientMsgId);
    } catch {
      return '';
    }
  };
  return class TappedWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: WebSocket.RawData) => {
        const text = String(data);
        if (!text.includes('"publish_')) return;
        const frame = JSON.parse(text) as {
          type: string;
          id?: string;
          successful?: { index: number }[];
          failed?: { index: number; message?: string }[];
          errors?: { errorType?: string; message?: string }[];
        };
        const ids = frame.id === undefined ? undefined : pending.get(frame.id);
        if (!ids || (frame.type !== 'publish_success' && frame.type !== 'publish_error')) return;
        pending.delete(frame.id!);
        const outcomes: Outcome[] =
          frame.type === 'publish_error'
            ? ids.map((clientMsgId) => ({ clientMsgId, ok: false, message: frame.errors?.[0]?.errorType ?? 'publish_error' }))
            : [
                ...(frame.successful ?? []).map((s) => ({ clientMsgId: ids[s.index] ?? '', ok: true })),
                ...(frame.failed ?? []).map((f) => ({ clientMsgId: ids[f.index] ?? '', ok: false, message: f.message })),
              ];
        onMessage({ kind: 'wirePublish', outcomes });
      });
    }

    override send(data: unknown, ...rest: unknown[]): void {
      const text = String(data);
      if (text.includes('"publish"')) {
        const frame = JSON.parse(text) as { type?: string; id?: string; events?: unknown[] };
        if (frame.type === 'publish' && frame.id && Array.isArray(frame.events)) pending.set(frame.id, frame.events.map(clientMsgIdOf));
      }
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  };
}

export async function startRealmClient(outputs: AmplifyOutputs, onMessage: (message: RealmMessage) => void): Promise<AmplifyRealmClient> {
  const script = await clientScript();
  const sandbox: Record<string, unknown> = {
    ...platformGlobals(),
    console,
    WebSocket: tappedWebSocket(onMessage),
    // The bundle's few Node built-ins (e.g. `crypto` for the SHA-256 fallback) come from the host.
    require: (name: string) => {
      if (!isBuiltin(name)) throw new Error(`the Amplify bundle asked for ${name}`);
      return hostRequire(name) as unknown;
    },
    parleyOutputs: structuredClone(outputs),
    parleyEmit: onMessage,
  };
  sandbox.globalThis = sandbox;
  const context = vm.createContext(sandbox, { name: 'amplify-client' });
  script.runInContext(context);
  const client = (context as { parleyClient?: RealmClient }).parleyClient;
  if (!client) throw new Error('the Amplify bundle did not start');
  const run = (command: RealmCommand) => client.run(command);
  return {
    signIn: async (username, password) => void (await run({ op: 'signIn', username, password })),
    subscribe: async (key, channel) => void (await run({ op: 'subscribe', key, channel })),
    publish: async (channel, events) => void (await run({ op: 'publish', channel, events })),
    post: (channel, events) => run({ op: 'post', channel, events }),
    api: (method, path, body) => run({ op: 'api', method, path, body }),
    accessToken: async () => (await run({ op: 'accessToken' })) as string,
    close: async () => void (await run({ op: 'close' })),
  };
}

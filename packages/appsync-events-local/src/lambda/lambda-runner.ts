/**
 * Runs functions as the Lambda service would: one warm execution environment per function (set up
 * on the first invocation, a cold start), the runtime's environment variables, a real-looking
 * `Context`, and each function's timeout and memory. The local cloud gives it the deployed code:
 * the asset folder the template names, run in a worker thread (`bundled-function.ts`). Tests may
 * give a handler factory instead, run in this process.
 *
 * Differences from AWS, by design: concurrent invocations share the one warm environment instead
 * of each getting one. A timed-out bundled function's environment is stopped (the next invocation
 * is a cold start); a timed-out factory handler is not frozen — the invocation rejects, but its
 * promise keeps running in this process until it settles on its own.
 */
import type { Context } from 'aws-lambda';
import { randomBytes, randomUUID } from 'node:crypto';
import { type BundledFunction, FunctionInitError, startBundledFunction } from './bundled-function.ts';
import type { Faults } from '../faults.ts';
import type { LambdaInvoker } from './contracts.ts';
import { createLambdaContext, functionArn } from './lambda-context.ts';
import { buildLambdaEnvironment, findReservedKeys, logStreamName } from './lambda-environment.ts';
import {
  LambdaFunctionError,
  LambdaRunnerClosedError,
  LambdaTimeoutError,
  PayloadTooLargeError,
  UnknownFunctionError,
} from './lambda-errors.ts';

/**
 * A Lambda handler. The event is `unknown` to the runner, yet a function may declare the event it
 * expects (`APIGatewayProxyEventV2WithJWTAuthorizer`…): declared through a method, the parameter is
 * checked bivariantly, so such handlers are accepted without casts. Each function owns the
 * validation of what reaches it, as on AWS.
 */
export type LambdaHandler = {
  handle(event: unknown, context: Context): Promise<unknown>;
}['handle'];

/** A function's `create<Name>Handler`: reads its env, returns the Lambda handler. */
export type HandlerFactory = (env: Record<string, string | undefined>) => LambdaHandler;

/** The deployed code: the staged asset folder and the template's `Handler` (`module.export`). */
export interface FunctionCode {
  dir: string;
  handler: string;
}

export type LambdaFunctionConfig = ({ code: FunctionCode; factory?: undefined } | { factory: HandlerFactory; code?: undefined }) & {
  /**
   * The function's env as deployed, plus what the local cloud adds (endpoints, credentials). A
   * function may compute it at its cold start instead, when it names a service started later
   * (the Event API URL for `moderation`).
   */
  env: Record<string, string> | (() => Record<string, string>);
  /** The template's `Timeout`; Lambda's default (3 s) when unset. */
  timeoutMs?: number;
  /** The template's `MemorySize`; Lambda's default (128 MB) when unset. Caps a bundled function's heap. */
  memoryMb?: number;
};

export interface LambdaRunnerOptions {
  functions: Partial<Record<string, LambdaFunctionConfig>>;
  faults: Faults;
  region: string;
  /** Account in ARNs; defaults to the local cloud's `000000000000`. */
  accountId?: string;
}

export type LambdaRunner = LambdaInvoker & {
  /** Rejects pending invocations with `LambdaRunnerClosedError` and drops the warm handlers. */
  close(): void;
};

export const LOCAL_ACCOUNT_ID = '000000000000';
/** What Lambda gives a function whose template sets no `Timeout` or `MemorySize`. */
export const LAMBDA_DEFAULT_TIMEOUT_MS = 3000;
export const LAMBDA_DEFAULT_MEMORY_MB = 128;
/** Synchronous invocation payload limit, request and response alike. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

interface WarmEnvironment {
  handler: LambdaHandler;
  logStreamName: string;
  /** Set for deployed code, whose environment is a worker to stop. */
  bundled?: BundledFunction;
}

interface Pending {
  timer: NodeJS.Timeout;
  reject: (error: Error) => void;
}

/**
 * Creates the runner. Throws, as `CreateFunction` would, when a function's env sets a key the
 * runtime reserves (credentials excepted: locally they stand in for the execution role).
 */
export function createLambdaRunner(options: LambdaRunnerOptions): LambdaRunner {
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
  for (const [name, config] of Object.entries(options.functions)) {
    if (config && typeof config.env !== 'function') assertNoReservedKeys(name, config.env);
  }

  const warm = new Map<string, WarmEnvironment>();
  const pending = new Set<Pending>();
  let closed = false;

  /** Drops a warm environment (after an init error or a timeout): the next invocation starts a new one. */
  function discard(name: string): void {
    warm.get(name)?.bundled?.terminate();
    warm.delete(name);
  }

  function warmUp(name: string, config: LambdaFunctionConfig) {
    const existing = warm.get(name);
    if (existing) return existing;
    const stream = logStreamName(new Date(), randomBytes(16).toString('hex'));
    const deployed = typeof config.env === 'function' ? config.env() : config.env;
    assertNoReservedKeys(name, deployed);
    const env = buildLambdaEnvironment({
      functionName: name,
      region: options.region,
      memoryMb: config.memoryMb ?? LAMBDA_DEFAULT_MEMORY_MB,
      nodeMajorVersion: Number(process.versions.node.split('.')[0]),
      logStreamName: stream,
      env: deployed,
    });
    if (config.code) {
      const bundled = startBundledFunction({ dir: config.code.dir, handler: config.code.handler, env, memoryMb: config.memoryMb ?? LAMBDA_DEFAULT_MEMORY_MB });
      const container = {
        handler: (event: unknown, context: Context) => bundled.invoke(event, plainContext(context)),
        logStreamName: stream,
        bundled,
      };
      warm.set(name, container);
      return container;
    }
    // Only a successful init is kept: after an init error Lambda retries the cold start.
    let handler: LambdaHandler;
    try {
      handler = config.factory(env);
    } catch (error) {
      throw LambdaFunctionError.fromThrown(name, error);
    }
    const container: WarmEnvironment = { handler, logStreamName: stream };
    warm.set(name, container);
    return container;
  }

  function run(name: string, config: LambdaFunctionConfig, event: unknown): Promise<unknown> {
    const container = warmUp(name, config);
    const timeoutMs = config.timeoutMs ?? LAMBDA_DEFAULT_TIMEOUT_MS;
    const context = createLambdaContext({
      functionName: name,
      region: options.region,
      accountId,
      memoryMb: config.memoryMb ?? LAMBDA_DEFAULT_MEMORY_MB,
      awsRequestId: randomUUID(),
      logStreamName: container.logStreamName,
      deadline: Date.now() + timeoutMs,
      now: Date.now,
    });
    return new Promise((resolve, reject) => {
      const entry: Pending = { reject, timer: setTimeout(() => onTimeout(), timeoutMs) };
      pending.add(entry);
      /** Settles once: whichever of result, error, timeout or close comes first wins. */
      const settle = (outcome: () => unknown) => {
        clearTimeout(entry.timer);
        if (!pending.delete(entry)) return;
        try {
          resolve(outcome());
        } catch (error) {
          reject(error);
        }
      };
      const onTimeout = () => settle(() => {
        // Lambda stops a timed-out environment; a bundled one is stopped here too.
        if (container.bundled) discard(name);
        throw new LambdaTimeoutError(name, timeoutMs);
      });
      Promise.resolve()
        .then(() => container.handler(event, context))
        .then(
          (result) => settle(() => serializeResult(name, result)),
          (error: unknown) => settle(() => {
            if (error instanceof FunctionInitError || (error instanceof Error && error.name.startsWith('Runtime.'))) discard(name);
            throw LambdaFunctionError.fromThrown(name, error);
          }),
        );
    });
  }

  return {
    async invoke(name, event) {
      if (closed) throw new LambdaRunnerClosedError();
      const config = options.functions[name];
      // Checked before faults: Lambda refuses an unknown function before any invocation happens.
      if (!config) throw new UnknownFunctionError(name, functionArn(options.region, accountId, name));
      const payload = JSON.stringify(event ?? null);
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new PayloadTooLargeError(name, 'request');
      await options.faults.beforeInvoke(name);
      if (closed) throw new LambdaRunnerClosedError();
      // The handler gets its own copy, as it would after crossing the wire as JSON.
      return run(name, config, JSON.parse(payload));
    },
    close() {
      closed = true;
      for (const entry of pending) {
        clearTimeout(entry.timer);
        entry.reject(new LambdaRunnerClosedError());
      }
      pending.clear();
      for (const name of [...warm.keys()]) discard(name);
    },
  };
}

/** What crosses to a worker: the context's data, its deadline instead of its functions. */
function plainContext(context: Context) {
  const { getRemainingTimeInMillis, done: _done, fail: _fail, succeed: _succeed, ...data } = context;
  return { ...data, deadline: Date.now() + getRemainingTimeInMillis() };
}

function assertNoReservedKeys(name: string, env: Record<string, string>): void {
  const reserved = findReservedKeys(env);
  if (reserved.length > 0) {
    throw new Error(`Function ${name}: reserved environment keys cannot be set: ${reserved.join(', ')}`);
  }
}

/** The result crosses the wire as JSON too: `undefined` becomes `null`, a `Date` a string. */
function serializeResult(name: string, result: unknown): unknown {
  let payload: string;
  try {
    payload = JSON.stringify(result ?? null);
  } catch (error) {
    throw LambdaFunctionError.fromThrown(name, error);
  }
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new PayloadTooLargeError(name, 'response');
  return JSON.parse(payload);
}

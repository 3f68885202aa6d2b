/**
 * Runs the functions of `functions/` in-process, as the Lambda service would: one warm execution
 * environment per function (its handler factory runs on the first invocation, a cold start), the
 * runtime's environment variables, a real-looking `Context`, and the timeout and memory the
 * backend definition gives each function (`functionSettings` in amplify/definition.ts).
 *
 * Differences from AWS, by design: concurrent invocations share the one warm handler instead of
 * each getting an environment; and a timed-out handler is not frozen — the invocation rejects,
 * but the handler's promise keeps running in this process until it settles on its own.
 */
import type { Context } from 'aws-lambda';
import { randomBytes, randomUUID } from 'node:crypto';
import { type FunctionName, functionSettings } from '../../amplify/definition.ts';
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

export interface LambdaFunctionConfig {
  factory: HandlerFactory;
  /**
   * The function's env as deployed, plus what the local cloud adds (endpoints, credentials). A
   * function may compute it at its cold start instead, when it names a service started later
   * (the Event API URL for `moderation`).
   */
  env: Record<string, string> | (() => Record<string, string>);
  /** The definition's timeout, unless a test needs another. */
  timeoutMs?: number;
  /** The definition's memory, unless a test needs another; reported to the handler, not enforced. */
  memoryMb?: number;
}

export interface LambdaRunnerOptions {
  functions: Partial<Record<FunctionName, LambdaFunctionConfig>>;
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
/** Synchronous invocation payload limit, request and response alike. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

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

  const warm = new Map<FunctionName, { handler: LambdaHandler; logStreamName: string }>();
  const pending = new Set<Pending>();
  let closed = false;

  function warmUp(name: FunctionName, config: LambdaFunctionConfig) {
    const existing = warm.get(name);
    if (existing) return existing;
    const stream = logStreamName(new Date(), randomBytes(16).toString('hex'));
    const deployed = typeof config.env === 'function' ? config.env() : config.env;
    assertNoReservedKeys(name, deployed);
    const env = buildLambdaEnvironment({
      functionName: name,
      region: options.region,
      memoryMb: config.memoryMb ?? definedSettings(name).memoryMb,
      nodeMajorVersion: Number(process.versions.node.split('.')[0]),
      logStreamName: stream,
      env: deployed,
    });
    // Only a successful init is kept: after an init error Lambda retries the cold start.
    let handler: LambdaHandler;
    try {
      handler = config.factory(env);
    } catch (error) {
      throw LambdaFunctionError.fromThrown(name, error);
    }
    const container = { handler, logStreamName: stream };
    warm.set(name, container);
    return container;
  }

  function run(name: FunctionName, config: LambdaFunctionConfig, event: unknown): Promise<unknown> {
    const container = warmUp(name, config);
    const timeoutMs = config.timeoutMs ?? definedSettings(name).timeoutMs;
    const context = createLambdaContext({
      functionName: name,
      region: options.region,
      accountId,
      memoryMb: config.memoryMb ?? definedSettings(name).memoryMb,
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
        throw new LambdaTimeoutError(name, timeoutMs);
      });
      Promise.resolve()
        .then(() => container.handler(event, context))
        .then(
          (result) => settle(() => serializeResult(name, result)),
          (error: unknown) => settle(() => {
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
      warm.clear();
    },
  };
}

/** A function's timeout and memory as the backend definition sets them, in the runner's units. */
export function definedSettings(name: FunctionName): { timeoutMs: number; memoryMb: number } {
  const { timeoutSeconds, memoryMb } = functionSettings[name];
  return { timeoutMs: timeoutSeconds * 1000, memoryMb };
}

function assertNoReservedKeys(name: string, env: Record<string, string>): void {
  const reserved = findReservedKeys(env);
  if (reserved.length > 0) {
    throw new Error(`Function ${name}: reserved environment keys cannot be set: ${reserved.join(', ')}`);
  }
}

/** The result crosses the wire as JSON too: `undefined` becomes `null`, a `Date` a string. */
function serializeResult(name: FunctionName, result: unknown): unknown {
  let payload: string;
  try {
    payload = JSON.stringify(result ?? null);
  } catch (error) {
    throw LambdaFunctionError.fromThrown(name, error);
  }
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new PayloadTooLargeError(name, 'response');
  return JSON.parse(payload);
}

/**
 * Host-side state of one handler phase (one call of `onPublish`, `request`, `response`…). The
 * VM reports `util.error`, `util.unauthorized` and `runtime.earlyReturn` here before it unwinds,
 * and the first report wins: handler code that catches the unwinding cannot undo it.
 */
import type { HandlerError } from '../events/contracts.ts';
import { customError, unauthorizedError } from './handler-errors.ts';
import type { Operation } from './handler-errors.ts';
import { createUtilFunctions } from './util-functions.ts';
import type { UtilFunctions } from './util-functions.ts';

export type InvocationStop = { kind: 'error'; error: HandlerError } | { kind: 'earlyReturn'; value: unknown };

/** What handler code logs (`console.*`) or records with `util.appendError`. */
export interface SandboxLogEntry {
  namespace: string;
  level: 'log' | 'info' | 'warn' | 'error' | 'debug' | 'appendError';
  message: string;
}

export interface Invocation {
  readonly operation: Operation;
  readonly util: UtilFunctions;
  stop: InvocationStop | null;
  readonly appendedErrors: HandlerError[];
  log(level: SandboxLogEntry['level'], message: string): void;
}

export interface InvocationOptions {
  namespace: string;
  operation: Operation;
  identity: unknown;
  now: () => Date;
  onLog?: (entry: SandboxLogEntry) => void;
}

export function createInvocation(options: InvocationOptions): Invocation {
  const log = (level: SandboxLogEntry['level'], message: string): void =>
    options.onLog?.({ namespace: options.namespace, level, message });
  const invocation: Invocation = {
    operation: options.operation,
    stop: null,
    appendedErrors: [],
    log,
    util: createUtilFunctions({
      now: options.now,
      identity: options.identity,
      appendError: (message, errorType) => {
        const error = customError(options.operation, message, errorType);
        invocation.appendedErrors.push(error);
        log('appendError', `${error.errorType}: ${error.message}`);
      },
    }),
  };
  return invocation;
}

/** Records a stop reported by the VM (`argsJson` is the JSON of the call's arguments). */
export function stopInvocation(invocation: Invocation, kind: string, argsJson: string | undefined): void {
  if (invocation.stop !== null) return;
  const args = argsJson === undefined ? [] : (JSON.parse(argsJson) as unknown[]);
  if (kind === 'earlyReturn') {
    invocation.stop = { kind: 'earlyReturn', value: args[0] ?? null };
  } else if (kind === 'unauthorized') {
    invocation.stop = { kind: 'error', error: unauthorizedError(invocation.operation) };
  } else {
    invocation.stop = { kind: 'error', error: customError(invocation.operation, args[0], args[1]) };
  }
}

import type { HandlerError } from '../events/contracts.ts';
import type { Invocation } from './invocation.ts';

export type HandlerName = 'onPublish' | 'onSubscribe';

/** How a module exports a handler: absent, a function, `{ request, response }`, or something else. */
export type HandlerForm = 'none' | 'function' | 'requestResponse' | 'invalid';

/** `function` calls a plain handler; `request` / `response` the two halves of the object form. */
export type HandlerPhase = 'function' | 'request' | 'response';

export interface HandlerCall {
  handler: HandlerName;
  phase: HandlerPhase;
  /** The `ctx` to pass; it must be JSON (it is rebuilt inside the VM). */
  ctx: unknown;
}

/** How one phase ended. `stash` is the handler's `ctx.stash` afterwards, for the next phase. */
export type PhaseOutcome =
  | { kind: 'returned'; value: unknown; stash: Record<string, unknown> }
  | { kind: 'earlyReturn'; value: unknown }
  | { kind: 'error'; error: HandlerError };

/** A handler bundle evaluated in its own VM context. */
export interface HandlerModule {
  /** The bundle file it was evaluated from. */
  readonly file: string;
  readonly forms: Readonly<Record<HandlerName, HandlerForm>>;
  /**
   * Runs one phase synchronously, within `timeoutMs`. Never throws: crashes, timeouts and
   * `util.error` come back as `{ kind: 'error' }`.
   */
  run(call: HandlerCall, invocation: Invocation, timeoutMs: number): PhaseOutcome;
}

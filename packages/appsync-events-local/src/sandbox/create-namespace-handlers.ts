import type { HandlerIntegration, NamespaceDefinition } from '../template/backend-model.ts';
import type {
  DataSourceInvoker,
  DataSourceOutcome,
  DataSourceRequest,
  HandlerContext,
  HandlerError,
  LambdaInvokeRequest,
  NamespaceHandlers,
  PublishHandlerResult,
  SubscribeHandlerResult,
} from '../events/contracts.ts';
import { DataSourceRequestError } from './data-source-request-error.ts';
import { handlerCrash } from './handler-errors.ts';
import type { Operation } from './handler-errors.ts';
import type { HandlerModule, HandlerName, HandlerPhase, PhaseOutcome } from './handler-module.ts';
import { createInvocation } from './invocation.ts';
import type { SandboxLogEntry } from './invocation.ts';
import { toPublishResult } from './publish-result.ts';

/**
 * Per-phase time limit by default: far above what a real handler needs even on a loaded CI box,
 * far below AppSync's 30 s so a runaway loop stalls the local cloud only briefly.
 */
export const DEFAULT_HANDLER_TIMEOUT_MS = 5_000;

export interface NamespaceHandlersOptions {
  namespace: NamespaceDefinition;
  dataSources: DataSourceInvoker;
  /** Clock for `util.time.*` and `util.autoUlid`/`autoKsuid`. */
  now?: () => Date;
  /** Time limit of each handler phase (`request`, `response`, or a plain handler). */
  timeoutMs?: number;
  /** Receives handler `console.*` output and `util.appendError` records. */
  onLog?: (entry: SandboxLogEntry) => void;
}

/** Where a handler ended: a value (the handler's answer), forward (default behaviour), or an error. */
type HandlerOutcome = { kind: 'value'; value: unknown } | { kind: 'default' } | { kind: 'error'; error: HandlerError };

interface Runner {
  phase(phase: HandlerPhase, ctx: unknown): PhaseOutcome;
}

function isDataSourceRequest(value: unknown): value is DataSourceRequest {
  return typeof value === 'object' && value !== null && typeof (value as { operation?: unknown }).operation === 'string';
}

function isEventInvocation(request: DataSourceRequest): boolean {
  return request.operation === 'Invoke' && (request as LambdaInvokeRequest).invocationType === 'Event';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The data source's answer, or the handler's crash when it sent a request the data source cannot take. */
async function invokeDataSource(
  dataSources: DataSourceInvoker,
  integration: HandlerIntegration,
  request: DataSourceRequest,
): Promise<DataSourceOutcome | { crash: HandlerError }> {
  try {
    return await dataSources.invoke(integration.dataSource, request);
  } catch (error) {
    if (error instanceof DataSourceRequestError) return { crash: handlerCrash(error.message) };
    // The contract says failures resolve with `error`; a rejecting invoker is treated the same.
    return { result: null, error: { message: errorMessage(error), type: 'DataSourceError' } };
  }
}

/** Runs `request` → data source → `response`, as AppSync runs a handler with a data source, honouring `runtime.earlyReturn`. */
async function runRequestResponse(
  runner: Runner,
  ctx: HandlerContext,
  integration: HandlerIntegration | undefined,
  dataSources: DataSourceInvoker,
  handler: HandlerName,
): Promise<HandlerOutcome> {
  if (integration === undefined) {
    return { kind: 'error', error: handlerCrash(`${handler} is { request, response } but the namespace has no data source integration`) };
  }
  const requested = runner.phase('request', ctx);
  if (requested.kind === 'error') return requested;
  if (requested.kind === 'earlyReturn') return { kind: 'value', value: requested.value };
  if (!isDataSourceRequest(requested.value)) {
    return { kind: 'error', error: handlerCrash(`${handler}.request must return a data source request ({ operation, … })`) };
  }
  if (isEventInvocation(requested.value)) {
    // In CODE mode the request's invocation type decides. Fire and forget: AppSync neither waits
    // nor runs `response`; events pass unchanged.
    void invokeDataSource(dataSources, integration, requested.value);
    return { kind: 'default' };
  }
  const outcome = await invokeDataSource(dataSources, integration, requested.value);
  if ('crash' in outcome) return { kind: 'error', error: outcome.crash };
  const responded = runner.phase('response', { ...ctx, stash: requested.stash, result: outcome.result, error: outcome.error });
  if (responded.kind === 'error') return responded;
  return { kind: 'value', value: responded.value };
}

/**
 * Wraps a loaded handler module as one namespace's `NamespaceHandlers`, with AppSync's
 * defaults: no `onPublish` forwards the events unchanged, no `onSubscribe` allows.
 * Never rejects: every handler failure becomes `{ ok: false, error }`.
 */
export function createNamespaceHandlers(mod: HandlerModule, options: NamespaceHandlersOptions): NamespaceHandlers {
  const { namespace, dataSources } = options;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;

  function runner(handler: HandlerName, operation: Operation, ctx: HandlerContext): Runner {
    return {
      phase: (phase, phaseCtx) =>
        mod.run(
          { handler, phase, ctx: phaseCtx },
          createInvocation({ namespace: namespace.name, operation, identity: ctx.identity, now, onLog: options.onLog }),
          timeoutMs,
        ),
    };
  }

  async function run(handler: HandlerName, operation: Operation, ctx: HandlerContext): Promise<HandlerOutcome> {
    const form = mod.forms[handler];
    const integration = handler === 'onPublish' ? namespace.onPublish : namespace.onSubscribe;
    switch (form) {
      case 'none':
        return { kind: 'default' };
      case 'function': {
        const outcome = runner(handler, operation, ctx).phase('function', ctx);
        return outcome.kind === 'error' ? outcome : { kind: 'value', value: outcome.value };
      }
      case 'requestResponse':
        return runRequestResponse(runner(handler, operation, ctx), ctx, integration, dataSources, handler);
      default:
        return { kind: 'error', error: handlerCrash(`${handler} must be a function or { request, response }`) };
    }
  }

  return {
    async onPublish(ctx): Promise<PublishHandlerResult> {
      const events = ctx.events ?? [];
      const outcome = await run('onPublish', 'PUBLISH', ctx);
      if (outcome.kind === 'error') return { ok: false, error: outcome.error };
      if (outcome.kind === 'default') return { ok: true, events: events.map((e) => ({ id: e.id, payload: e.payload })) };
      return toPublishResult(events, outcome.value);
    },
    async onSubscribe(ctx): Promise<SubscribeHandlerResult> {
      const outcome = await run('onSubscribe', 'SUBSCRIBE', ctx);
      return outcome.kind === 'error' ? { ok: false, error: outcome.error } : { ok: true };
    },
  };
}

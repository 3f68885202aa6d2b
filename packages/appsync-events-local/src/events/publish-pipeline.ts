/**
 * One publish, from request to reply, shared by `POST /event` and the WebSocket `publish`
 * message: validate → namespace → authorize → onPublish → broadcast → `{successful, failed}`.
 */
import { parsePublishChannel } from './channel.ts';
import type { HeaderMap } from './auth-headers.ts';
import type { FailedEvent, SuccessfulEvent } from './frames.ts';
import { buildHandlerContext } from './handler-context.ts';
import { resolveNamespace } from './namespace-target.ts';
import type { OperationDeps } from './operation-deps.ts';
import { checkPublishEvents, planPublish, type IncomingEvent } from './publish-events.ts';
import { badRequest, internalFailure, publishHandlerError, unauthorized, type ServiceError } from './service-error.ts';

export interface PublishRequest {
  channel: unknown;
  events: unknown;
  /** Normalised credentials (lower-cased keys). */
  authHeaders: HeaderMap;
  /** The body a SigV4 signature covers: the HTTP body, or `{"channel":…,"events":[…]}`. */
  signedBody: string;
  sourceIp: string;
  /** `ctx.request.headers`. */
  requestHeaders: HeaderMap;
  /** Size of the HTTP body or WebSocket frame, for the 1.2 MB quota. */
  requestBytes: number;
}

export type PublishOutcome =
  | { ok: true; successful: SuccessfulEvent[]; failed: FailedEvent[] }
  | { ok: false; error: ServiceError };

export interface PublishDeps extends OperationDeps {
  /** Delivers each JSON string, in order, to every subscription matching `path`. */
  broadcast(path: string, events: readonly string[]): void;
}

/** Never rejects: every failure, handler crashes included, comes back as an outcome. */
export async function runPublish(deps: PublishDeps, request: PublishRequest): Promise<PublishOutcome> {
  try {
    return await publish(deps, request);
  } catch (error) {
    return { ok: false, error: internalFailure(`Publish failed: ${(error as Error)?.message ?? String(error)}`) };
  }
}

async function publish(deps: PublishDeps, request: PublishRequest): Promise<PublishOutcome> {
  const checked = checkPublishEvents(request.events, request.requestBytes);
  if (!checked.ok) return checked;
  const channel = parsePublishChannel(request.channel);
  if (!channel.ok) return { ok: false, error: badRequest(channel.message) };
  const target = resolveNamespace(deps.api, deps.handlers, channel.channel.namespace);
  if (!target) return { ok: false, error: badRequest(`Namespace '${channel.channel.namespace}' not found`) };

  const auth = await deps.authorizer.authorize(
    { operation: 'EVENT_PUBLISH', channel: channel.channel.path, headers: request.authHeaders, signedBody: request.signedBody, sourceIp: request.sourceIp },
    target.publishAuthModes,
  );
  if (!auth.ok) return { ok: false, error: unauthorized() };

  const incoming: IncomingEvent[] = checked.payloads.map((payload) => ({ id: deps.newId(), payload }));
  const ctx = buildHandlerContext({
    identity: auth.identity,
    headers: request.requestHeaders,
    channel: channel.channel,
    operation: 'PUBLISH',
    events: incoming,
  });
  const result = await target.handlers.onPublish(ctx);
  if (!result.ok) return { ok: false, error: publishHandlerError(result.error) };
  const planned = planPublish(incoming, result.events);
  if (!planned.ok) return { ok: false, error: publishHandlerError(planned.error) };

  deps.broadcast(channel.channel.path, planned.plan.broadcast);
  return { ok: true, successful: planned.plan.successful, failed: planned.plan.failed };
}

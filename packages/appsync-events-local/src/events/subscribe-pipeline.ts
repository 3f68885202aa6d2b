/**
 * One WebSocket subscribe: `checkSubscribe` (channel, namespace; synchronous, so the caller can
 * reserve the id before awaiting) then `authorizeSubscribe` (auth modes, then onSubscribe).
 */
import { parseSubscribeChannel, type ChannelPattern } from './channel.ts';
import type { HeaderMap } from './auth-headers.ts';
import type { Identity } from './contracts.ts';
import type { FrameError } from './frames.ts';
import { buildHandlerContext } from './handler-context.ts';
import { resolveNamespace, type NamespaceTarget } from './namespace-target.ts';
import type { OperationDeps } from './operation-deps.ts';
import { BAD_REQUEST, UNAUTHORIZED } from './service-error.ts';

export type SubscribeCheck =
  | { ok: true; pattern: ChannelPattern; target: NamespaceTarget }
  | { ok: false; error: FrameError };

export function checkSubscribe(deps: OperationDeps, rawChannel: unknown): SubscribeCheck {
  const parsed = parseSubscribeChannel(rawChannel);
  if (!parsed.ok) return { ok: false, error: { errorType: BAD_REQUEST, message: parsed.message } };
  const target = resolveNamespace(deps.api, deps.handlers, parsed.channel.namespace);
  if (!target) return { ok: false, error: { errorType: BAD_REQUEST, message: `Namespace '${parsed.channel.namespace}' not found` } };
  return { ok: true, pattern: parsed.channel, target };
}

export interface SubscribeRequest {
  rawChannel: unknown;
  pattern: ChannelPattern;
  target: NamespaceTarget;
  authHeaders: HeaderMap;
  sourceIp: string;
  requestHeaders: HeaderMap;
}

export type SubscribeOutcome = { ok: true; identity: Identity | null } | { ok: false; error: FrameError };

/** Never rejects; a handler's own error (e.g. `Unauthorized`) is passed through as it came. */
export async function authorizeSubscribe(deps: OperationDeps, request: SubscribeRequest): Promise<SubscribeOutcome> {
  try {
    const auth = await deps.authorizer.authorize(
      {
        operation: 'EVENT_SUBSCRIBE',
        channel: request.pattern.path,
        headers: request.authHeaders,
        signedBody: JSON.stringify({ channel: request.rawChannel }),
        sourceIp: request.sourceIp,
      },
      request.target.subscribeAuthModes,
    );
    if (!auth.ok) return { ok: false, error: { errorType: UNAUTHORIZED, message: 'You are not authorized to make this call.' } };
    const ctx = buildHandlerContext({
      identity: auth.identity,
      headers: request.requestHeaders,
      channel: request.pattern,
      operation: 'SUBSCRIBE',
    });
    const result = await request.target.handlers.onSubscribe(ctx);
    return result.ok ? { ok: true, identity: auth.identity } : { ok: false, error: result.error };
  } catch (error) {
    return { ok: false, error: { errorType: 'SubscriptionProcessingError', message: (error as Error)?.message ?? String(error) } };
  }
}

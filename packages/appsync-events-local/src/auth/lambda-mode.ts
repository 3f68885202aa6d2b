/**
 * AWS_LAMBDA: the authorizer function is invoked with AppSync Events' request and its answer
 * decides; `handlerContext` becomes `ctx.identity.handlerContext`. Decisions are cached for
 * `ttlOverride` (from the response) or `AuthorizerResultTtlInSeconds` seconds, at most an hour,
 * per token, operation and channel: an answer about one channel is never reused for another.
 * The cache lives on the returned object, so each emulator instance has its own.
 */
import { randomUUID } from 'node:crypto';
import type { CfnLambdaAuthorizerConfig, EventOperation } from './auth-config.ts';
import type { ModeDecision } from './decision.ts';
import { fullMatch } from './patterns.ts';

export interface LambdaAuthorizerRequest {
  authorizationToken: string;
  requestContext: {
    apiId: string;
    accountId: string;
    requestId: string;
    operation: EventOperation;
    /** Left out on EVENT_CONNECT, which names no channel. */
    channelNamespaceName?: string;
    channel?: string;
  };
  requestHeaders: Record<string, string>;
}

export interface LambdaAuthorizerResponse {
  isAuthorized: boolean;
  handlerContext?: Record<string, unknown>;
  ttlOverride?: number;
}

/** Invokes a function (by the `AuthorizerUri` ARN) with a payload and resolves with its JSON result. */
export type InvokeFunction = (functionArn: string, payload: LambdaAuthorizerRequest) => Promise<unknown>;

export interface LambdaModeRequest {
  token: string;
  headers: Record<string, string>;
  operation: EventOperation;
  namespace?: string;
  channel?: string;
}

export interface LambdaMode {
  authorize(request: LambdaModeRequest): Promise<ModeDecision>;
}

export interface LambdaModeOptions {
  config: CfnLambdaAuthorizerConfig;
  api: { apiId: string; accountId: string };
  invoke: InvokeFunction;
  now: () => Date;
  requestId?: () => string;
}

const MAX_TTL_SECONDS = 3600;

function parseResponse(value: unknown): LambdaAuthorizerResponse | null {
  if (value === null || typeof value !== 'object') return null;
  const { isAuthorized, handlerContext, ttlOverride } = value as Record<string, unknown>;
  if (typeof isAuthorized !== 'boolean') return null;
  if (handlerContext !== undefined && (handlerContext === null || typeof handlerContext !== 'object' || Array.isArray(handlerContext))) return null;
  if (ttlOverride !== undefined && (typeof ttlOverride !== 'number' || ttlOverride < 0)) return null;
  return { isAuthorized, handlerContext: handlerContext as Record<string, unknown> | undefined, ttlOverride };
}

function decide(response: LambdaAuthorizerResponse): ModeDecision {
  return response.isAuthorized
    ? { ok: true, identity: { handlerContext: response.handlerContext ?? {} } }
    : { ok: false, message: 'The Lambda authorizer refused the request' };
}

export function createLambdaMode(options: LambdaModeOptions): LambdaMode {
  const cache = new Map<string, { until: number; decision: ModeDecision }>();
  const requestId = options.requestId ?? randomUUID;
  const { config } = options;

  return {
    async authorize(request) {
      if (config.IdentityValidationExpression !== undefined && !fullMatch(config.IdentityValidationExpression, request.token)) {
        return { ok: false, message: 'The token does not match the authorizer IdentityValidationExpression' };
      }
      const key = JSON.stringify([request.token, request.operation, request.channel ?? null]);
      const nowMs = options.now().getTime();
      const held = cache.get(key);
      // A copy, so a handler that edits its identity cannot change the next request's.
      if (held && held.until > nowMs) return structuredClone(held.decision);
      cache.delete(key);

      const payload: LambdaAuthorizerRequest = {
        authorizationToken: request.token,
        requestContext: {
          apiId: options.api.apiId,
          accountId: options.api.accountId,
          requestId: requestId(),
          operation: request.operation,
          ...(request.operation === 'EVENT_CONNECT' ? {} : { channelNamespaceName: request.namespace, channel: request.channel }),
        },
        requestHeaders: request.headers,
      };
      let result: unknown;
      try {
        result = await options.invoke(config.AuthorizerUri, payload);
      } catch (error) {
        return { ok: false, message: `The Lambda authorizer failed: ${error instanceof Error ? error.message : String(error)}` };
      }
      const response = parseResponse(result);
      if (!response) return { ok: false, message: 'The Lambda authorizer returned an invalid response (isAuthorized must be a boolean)' };
      const decision = decide(response);
      const ttl = Math.min(response.ttlOverride ?? config.AuthorizerResultTtlInSeconds ?? 0, MAX_TTL_SECONDS);
      if (ttl > 0) cache.set(key, { until: nowMs + ttl * 1000, decision: structuredClone(decision) });
      return decision;
    },
  };
}

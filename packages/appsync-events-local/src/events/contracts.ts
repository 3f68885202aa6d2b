/**
 * Contracts between the parts of the local cloud's Events service: the authorizer, the
 * handler sandbox and the protocol front end (HTTP publish + WebSocket realtime).
 */
import type { AuthType, EventOperation } from '../auth/auth-config.ts';

import type { CognitoUserPoolIdentity, EventIdentity, IamIdentity } from '../auth/identities.ts';

/** `ctx.identity` for AMAZON_COGNITO_USER_POOLS, as AppSync documents it. */
export type CognitoIdentity = CognitoUserPoolIdentity;
export type { IamIdentity };

/** `ctx.identity` of any of the five auth modes. */
export type Identity = EventIdentity;

/** What a request carries for authorization: HTTP headers, or a WebSocket `authorization` object. */
export interface AuthorizeRequest {
  operation: EventOperation;
  /** The channel path of a publish or subscribe (`/namespace/a/b`); absent for a connect. */
  channel?: string;
  /** Header names lower-cased; values as sent. */
  headers: Record<string, string>;
  /** The body a SigV4 signature covers: `{}` for connect, `{"channel":…}` for subscribe, … */
  signedBody: string;
  sourceIp: string;
}

export type AuthorizeResult =
  | { ok: true; authType: AuthType; identity: Identity | null }
  | { ok: false; message: string };

export interface EventAuthorizer {
  /**
   * Accepts the request if its credentials satisfy any of `modes` (tried in order): the modes the
   * API model allows for the operation. The emulator's authorizer (`createEventAuthorizer`) derives
   * the same list from the template's settings itself, by `operation` and `channel`.
   */
  authorize(request: AuthorizeRequest, modes: readonly AuthType[]): Promise<AuthorizeResult>;
}

/** `ctx` as the APPSYNC_JS handlers see it. */
export interface HandlerContext {
  identity: Identity | null;
  request: { headers: Record<string, string>; domainName: string | null };
  info: {
    channel: { path: string; segments: string[] };
    channelNamespace: { name: string };
    operation: 'PUBLISH' | 'SUBSCRIBE';
  };
  /** onPublish only; null for subscribe. */
  events: { id: string; payload: unknown }[] | null;
  stash: Record<string, unknown>;
}

export interface OutgoingEvent {
  id: string;
  payload?: unknown;
  error?: string;
}

export interface HandlerError {
  errorType: string;
  message: string;
}

export type PublishHandlerResult = { ok: true; events: OutgoingEvent[] } | { ok: false; error: HandlerError };
export type SubscribeHandlerResult = { ok: true } | { ok: false; error: HandlerError };

/** One namespace's handlers, ready to run. Missing handlers behave as AppSync's defaults. */
export interface NamespaceHandlers {
  onPublish(ctx: HandlerContext): Promise<PublishHandlerResult>;
  onSubscribe(ctx: HandlerContext): Promise<SubscribeHandlerResult>;
}

/** Lambda data-source request object (`{ operation: 'Invoke', payload }`). */
export interface LambdaInvokeRequest {
  operation: 'Invoke';
  invocationType?: 'RequestResponse' | 'Event';
  payload: unknown;
}

/**
 * DynamoDB data-source request object, as the `@aws-appsync/utils/dynamodb` builders return it
 * (`{ operation: 'GetItem', key, consistentRead?, projection? }`, with typed attribute values).
 */
export interface DynamoDbRequest {
  operation: string;
  [field: string]: unknown;
}

/** What a `request` phase returns for its data source: the data source's kind decides which. */
export type DataSourceRequest = LambdaInvokeRequest | DynamoDbRequest;

/** `ctx.result` and `ctx.error` of the `response` phase. */
export interface DataSourceOutcome {
  result: unknown;
  error: { message: string; type: string } | null;
}

export interface DataSourceInvoker {
  /**
   * Calls a data source; a failed call resolves with `error` (as `ctx.error` in `response`). A
   * request the data source cannot take (wrong shape for its kind, an operation the local cloud
   * does not run) rejects with `DataSourceRequestError`: a bug in the handler, not a failed call.
   */
  invoke(dataSourceName: string, request: DataSourceRequest): Promise<DataSourceOutcome>;
}

/**
 * The emulator's sandbox fixtures with Parley's identity: a user pool identity whose profile
 * claims the pre-token-generation trigger set (handle `alice`, display name `Alice`), as Parley's
 * handlers read them.
 */
import {
  type ContextOptions,
  cognitoIdentity as plainCognitoIdentity,
  publishContext as plainPublishContext,
} from 'appsync-events-local/src/sandbox/sandbox-fixtures.ts';
import type { CognitoIdentity, HandlerContext } from 'appsync-events-local';
import { DISPLAY_NAME_CLAIM, HANDLE_CLAIM } from '../../core/profile.ts';

export * from 'appsync-events-local/src/sandbox/sandbox-fixtures.ts';

export function cognitoIdentity(overrides: Partial<CognitoIdentity> = {}): CognitoIdentity {
  const plain = plainCognitoIdentity(overrides.sub === undefined ? {} : { sub: overrides.sub });
  return { ...plain, claims: { ...plain.claims, [HANDLE_CLAIM]: 'alice', [DISPLAY_NAME_CLAIM]: 'Alice' }, ...overrides };
}

export function publishContext(options: ContextOptions): HandlerContext {
  return plainPublishContext({ ...options, identity: options.identity === undefined ? cognitoIdentity() : options.identity });
}

export function subscribeContext(options: Omit<ContextOptions, 'events'>): HandlerContext {
  const context = publishContext(options);
  return { ...context, info: { ...context.info, operation: 'SUBSCRIBE' }, events: null };
}

import { ConsoleLogger } from 'aws-amplify/utils';

/**
 * What aws-amplify's `Auth` logger warns on every `Amplify.configure` with a `userPoolEndpoint`
 * (its own text, with "Amazon" twice). The local cloud always sets one, on purpose, so in local
 * mode the warning says nothing; in the cloud a custom endpoint is unusual and it should show.
 */
const CUSTOM_USER_POOL_ENDPOINT = /^You are using a custom Amazon (Amazon )?Cognito User Pool endpoint, ensure the endpoint is correct\.$/;

const quieted = new WeakSet<object>();

/** True for exactly the warning that local mode makes aws-amplify print. */
export function isLocalModeNotice(loggerName: string, message: readonly unknown[]): boolean {
  return loggerName === 'Auth' && message.length === 1 && typeof message[0] === 'string' && CUSTOM_USER_POOL_ENDPOINT.test(message[0]);
}

/**
 * Local mode only (the app, and the test clients configured as the app is): drops aws-amplify's
 * custom user pool endpoint warning and passes every other log through. Call it before
 * `Amplify.configure`; calling it again does nothing.
 */
export function quietLocalWarnings(): void {
  const prototype = ConsoleLogger.prototype;
  if (quieted.has(prototype)) return;
  quieted.add(prototype);
  const warn = prototype.warn;
  prototype.warn = function warnUnlessLocalModeNotice(this: ConsoleLogger, ...message: unknown[]): void {
    if (!isLocalModeNotice(this.name, message)) warn.apply(this, message);
  };
}

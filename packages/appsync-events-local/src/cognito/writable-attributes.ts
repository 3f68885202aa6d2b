/**
 * Which user attributes the app's client may write, as Cognito enforces a client's
 * `WriteAttributes`: `SignUp`, `UpdateUserAttributes` and `DeleteUserAttributes` naming any other
 * attribute are refused whole, with `NotAuthorizedException`, before anything changes. The list is
 * the deployment's (the app client's `WriteAttributes`). Admin calls are not
 * limited, as on AWS (IAM decides those). Pure.
 */
import { TARGET_PREFIX } from './public-operations.ts';

export const UNAUTHORIZED_ATTRIBUTE_MESSAGE = 'A client attempted to write unauthorized attribute';

/** The attribute names an operation's request writes, or undefined for an operation that writes none. */
function writtenAttributes(operation: string, input: Record<string, unknown>): unknown[] | undefined {
  if (operation === 'SignUp' || operation === 'UpdateUserAttributes') {
    return Array.isArray(input.UserAttributes) ? input.UserAttributes.map((attribute: { Name?: unknown } | null) => attribute?.Name) : [];
  }
  if (operation === 'DeleteUserAttributes') return Array.isArray(input.UserAttributeNames) ? input.UserAttributeNames : [];
  return undefined;
}

/** True when the request (its `x-amz-target` and parsed JSON body) writes an attribute the client may not. */
export function writesUnauthorizedAttribute(target: string | undefined, input: unknown, writable: readonly string[]): boolean {
  if (target === undefined || !target.startsWith(TARGET_PREFIX)) return false;
  const names = writtenAttributes(target.slice(TARGET_PREFIX.length), (input ?? {}) as Record<string, unknown>);
  return names !== undefined && names.some((name) => typeof name !== 'string' || !writable.includes(name));
}

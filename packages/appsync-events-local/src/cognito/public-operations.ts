/**
 * Which requests to the local user pool anyone may make: what a user or the app sends. These are
 * exactly the operations aws-amplify v6's auth client calls (its
 * `foundation/factories/serviceClients/cognitoIdentityProvider/`), all of which Cognito takes
 * without AWS credentials (unauthenticated, or authorized by the user's own tokens), plus the
 * pool's public OpenID configuration and JWKS. Everything else (every `Admin*` operation,
 * `ListUsers`, `CreateUserPool`, …) needs IAM credentials on AWS and the admin token here. Pure.
 */

export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set([
  'AssociateSoftwareToken',
  'ChangePassword',
  'CompleteWebAuthnRegistration',
  'ConfirmDevice',
  'ConfirmForgotPassword',
  'ConfirmSignUp',
  'DeleteUser',
  'DeleteUserAttributes',
  'DeleteWebAuthnCredential',
  'ForgetDevice',
  'ForgotPassword',
  'GetTokensFromRefreshToken',
  'GetUser',
  'GetUserAttributeVerificationCode',
  'GlobalSignOut',
  'InitiateAuth',
  'ListDevices',
  'ListWebAuthnCredentials',
  'ResendConfirmationCode',
  'RespondToAuthChallenge',
  'RevokeToken',
  'SetUserMFAPreference',
  'SignUp',
  'StartWebAuthnRegistration',
  'UpdateDeviceStatus',
  'UpdateUserAttributes',
  'VerifySoftwareToken',
  'VerifyUserAttribute',
]);

const WELL_KNOWN = /^\/[^/]+\/\.well-known\/(openid-configuration|jwks\.json)$/;

export interface UserPoolRequest {
  method: string;
  /** The URL path, without the query. */
  path: string;
  /** The `x-amz-target` header. */
  target: string | undefined;
}

/** Whether anyone may make this request, as on AWS; false means it needs the admin token. */
export function isPublicRequest(request: UserPoolRequest): boolean {
  if (request.method === 'GET') return WELL_KNOWN.test(request.path);
  if (request.method !== 'POST' || request.path !== '/' || request.target === undefined) return false;
  return request.target.startsWith(TARGET_PREFIX) && PUBLIC_OPERATIONS.has(request.target.slice(TARGET_PREFIX.length));
}

/** The operation named by an `x-amz-target` header, for messages. */
export function operationName(target: string | undefined): string {
  return target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : (target ?? 'this request');
}

/**
 * Which `InitiateAuth` flows an app client allows (its `ExplicitAuthFlows`), and Cognito's answers
 * when a flow is not allowed or a password is wrong. cognito-local checks neither: it runs any flow
 * it knows for any client, and answers a wrong password with its own `InvalidPasswordException`.
 * Pure.
 */

/** A Cognito error as the JSON API sends it, with HTTP 400. */
export interface CognitoErrorBody {
  __type: string;
  message: string;
}

/** What Cognito says for a wrong password and, so as not to tell who has an account, an unknown user. */
export const INCORRECT_CREDENTIALS: CognitoErrorBody = {
  __type: 'NotAuthorizedException',
  message: 'Incorrect username or password.',
};

const ALLOW_VALUE_OF: Readonly<Record<string, string>> = {
  USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  CUSTOM_AUTH: 'ALLOW_CUSTOM_AUTH',
  REFRESH_TOKEN_AUTH: 'ALLOW_REFRESH_TOKEN_AUTH',
  REFRESH_TOKEN: 'ALLOW_REFRESH_TOKEN_AUTH',
  USER_AUTH: 'ALLOW_USER_AUTH',
};

/** What Cognito allows a client created without `ExplicitAuthFlows`. */
const DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/** Null when the client allows this `InitiateAuth` flow; otherwise the error Cognito answers with. */
export function authFlowRefusal(authFlow: unknown, explicitAuthFlows: readonly string[] | undefined): CognitoErrorBody | null {
  const allowValue = typeof authFlow === 'string' ? ALLOW_VALUE_OF[authFlow] : undefined;
  if (allowValue === undefined) return { __type: 'InvalidParameterException', message: 'Initiate Auth method not supported.' };
  // Cognito refuses to create a client without refresh, so it is always allowed.
  if (allowValue === 'ALLOW_REFRESH_TOKEN_AUTH') return null;
  const allowed = explicitAuthFlows && explicitAuthFlows.length > 0 ? explicitAuthFlows : DEFAULT_FLOWS;
  return allowed.includes(allowValue) ? null : { __type: 'InvalidParameterException', message: `${authFlow as string} flow not enabled for this client` };
}

/**
 * cognito-local's sign-in errors in Cognito's words: a wrong password (`InvalidPasswordException`)
 * and an unknown user (its bare `NotAuthorizedException`) both become "Incorrect username or
 * password."; anything else is passed through.
 */
export function toCognitoSignInError(error: unknown): unknown {
  const type = (error as { __type?: unknown } | null)?.__type;
  if (type === 'InvalidPasswordException' || type === 'NotAuthorizedException') return INCORRECT_CREDENTIALS;
  return error;
}

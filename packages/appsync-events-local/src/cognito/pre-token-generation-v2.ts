/**
 * Cognito's Pre Token Generation **V2** trigger contract, for the local user pool: the event it
 * sends (`version: '2'`) and how the function's `claimsAndScopeOverrideDetails` change the ID and
 * access tokens. cognito-local 5.3.0 only knows V1 (ID token only), so the local pool applies V2
 * itself (see cognito-local-server.ts). Pure.
 */

/** What the local pool knows when it issues tokens (cognito-local's `generate` arguments). */
export interface TokenIssue {
  region: string;
  userPoolId: string;
  clientId: string;
  username: string;
  userStatus?: string;
  userAttributes: Record<string, string>;
  groups: readonly string[];
  clientMetadata?: Record<string, string>;
  /** cognito-local's source: `Authentication`, `RefreshTokens`, `NewPasswordChallenge`… */
  source: string;
}

export interface ClaimsOverride {
  claimsToAddOrOverride?: Record<string, unknown>;
  claimsToSuppress?: string[];
}

export interface ClaimsAndScopeOverrideDetails {
  idTokenGeneration?: ClaimsOverride;
  accessTokenGeneration?: ClaimsOverride & { scopesToAdd?: string[]; scopesToSuppress?: string[] };
  groupOverrideDetails?: { groupsToOverride?: string[] };
}

/** Claims no trigger can add, change or suppress in either token. */
const PROTECTED_CLAIMS = [
  'acr', 'amr', 'aud', 'at_hash', 'auth_time', 'azp', 'cognito:username', 'exp', 'iat', 'identities',
  'iss', 'jti', 'nbf', 'nonce', 'origin_jti', 'sub', 'token_use', 'event_id',
  // Changed through groupOverrideDetails and scopesToAdd/Suppress, not as claims.
  'cognito:groups', 'scope',
];
const PROTECTED_ACCESS_CLAIMS = ['client_id', 'username'];

export const DEFAULT_ACCESS_SCOPE = 'aws.cognito.signin.user.admin';

/** The event Cognito sends a V2 trigger. */
export function preTokenGenerationV2Event(issue: TokenIssue): Record<string, unknown> {
  return {
    version: '2',
    triggerSource: `TokenGeneration_${issue.source}`,
    region: issue.region,
    userPoolId: issue.userPoolId,
    userName: issue.username,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: issue.clientId },
    request: {
      userAttributes: {
        ...issue.userAttributes,
        ...(issue.userStatus === undefined ? {} : { 'cognito:user_status': issue.userStatus }),
      },
      groupConfiguration: { groupsToOverride: [...issue.groups], iamRolesToOverride: [], preferredRole: null },
      scopes: [DEFAULT_ACCESS_SCOPE],
      ...(issue.clientMetadata === undefined ? {} : { clientMetadata: issue.clientMetadata }),
    },
    response: { claimsAndScopeOverrideDetails: null },
  };
}

/** The overrides in what the function returned; `null` (or anything malformed) changes nothing. */
export function readOverrides(result: unknown): ClaimsAndScopeOverrideDetails {
  const details = (result as { response?: { claimsAndScopeOverrideDetails?: unknown } } | null)?.response
    ?.claimsAndScopeOverrideDetails;
  return typeof details === 'object' && details !== null ? (details as ClaimsAndScopeOverrideDetails) : {};
}

/** The ID token's claims after the overrides. */
export function overrideIdTokenClaims(
  claims: Record<string, unknown>,
  details: ClaimsAndScopeOverrideDetails,
): Record<string, unknown> {
  return withGroups(applyClaims(claims, details.idTokenGeneration, PROTECTED_CLAIMS), details);
}

/** The access token's claims after the overrides, scopes included. */
export function overrideAccessTokenClaims(
  claims: Record<string, unknown>,
  details: ClaimsAndScopeOverrideDetails,
): Record<string, unknown> {
  const access = details.accessTokenGeneration;
  const overridden = applyClaims(claims, access, [...PROTECTED_CLAIMS, ...PROTECTED_ACCESS_CLAIMS]);
  const scopes = String(claims.scope ?? '').split(' ').filter(Boolean);
  const suppressed = new Set(access?.scopesToSuppress ?? []);
  const scope = [...new Set([...scopes, ...(access?.scopesToAdd ?? [])])].filter((s) => !suppressed.has(s)).join(' ');
  return withGroups({ ...overridden, ...(scope === '' ? {} : { scope }) }, details);
}

function applyClaims(
  claims: Record<string, unknown>,
  override: ClaimsOverride | undefined,
  protectedClaims: readonly string[],
): Record<string, unknown> {
  const suppress = new Set((override?.claimsToSuppress ?? []).filter((name) => !protectedClaims.includes(name)));
  const added = Object.entries(override?.claimsToAddOrOverride ?? {}).filter(([name]) => !protectedClaims.includes(name));
  return Object.fromEntries([...Object.entries(claims), ...added].filter(([name]) => !suppress.has(name)));
}

function withGroups(claims: Record<string, unknown>, details: ClaimsAndScopeOverrideDetails): Record<string, unknown> {
  const groups = details.groupOverrideDetails?.groupsToOverride;
  if (groups === undefined) return claims;
  const { 'cognito:groups': _previous, ...rest } = claims;
  return groups.length === 0 ? rest : { ...rest, 'cognito:groups': groups };
}

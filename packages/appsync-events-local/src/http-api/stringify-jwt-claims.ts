/**
 * API Gateway hands a JWT's claims to the integration as strings, whatever their JSON type.
 * Lists come out as Go prints a slice: `["moderators","admins"]` becomes `"[moderators admins]"`;
 * numbers and booleans become their text (`1700000000`, `true`). Handlers must parse
 * `cognito:groups` from that form, and the local cloud has to hand them the same.
 */
export function stringifyJwtClaims(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, stringifyClaim(value)]));
}

function stringifyClaim(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(stringifyClaim).join(' ')}]`;
  // No Cognito claim is an object; JSON is the least surprising rendering if an issuer sends one.
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * `requestContext.authorizer.jwt.scopes`: the token's `scope` claim split on spaces (Cognito
 * access tokens carry one), or `null` when it has none, as for an ID token.
 */
export function jwtScopes(claims: Record<string, unknown>): string[] | null {
  const scope = claims.scope ?? claims.scp;
  if (typeof scope === 'string') return scope.split(/\s+/).filter((entry) => entry.length > 0);
  if (Array.isArray(scope)) return scope.map(String);
  return null;
}

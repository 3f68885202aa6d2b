/** `ctx.identity` per auth mode, in the shapes AppSync Events documents (API_KEY has none: null). */

export interface CognitoUserPoolIdentity {
  sub: string;
  issuer: string;
  username: string;
  claims: Record<string, unknown>;
  sourceIp: string[];
  defaultAuthStrategy: 'ALLOW';
  groups: string[] | null;
}

export interface IamIdentity {
  accountId: string;
  cognitoIdentityPoolId: string | null;
  cognitoIdentityId: string | null;
  sourceIp: string[];
  username: string;
  userArn: string;
  cognitoIdentityAuthType: string | null;
  cognitoIdentityAuthProvider: string | null;
}

export interface OidcIdentity {
  sub: string;
  issuer: string;
  claims: Record<string, unknown>;
  sourceIp: string[];
}

export interface LambdaIdentity {
  handlerContext: Record<string, unknown>;
}

export type EventIdentity = CognitoUserPoolIdentity | IamIdentity | OidcIdentity | LambdaIdentity;

/** From verified user pool claims: access tokens carry `username`, ID tokens `cognito:username`. */
export function cognitoUserPoolIdentity(claims: Record<string, unknown>, sourceIp: string): CognitoUserPoolIdentity {
  const groups = claims['cognito:groups'];
  return {
    sub: String(claims.sub),
    issuer: String(claims.iss),
    username: String(claims['cognito:username'] ?? claims.username),
    claims,
    sourceIp: [sourceIp],
    defaultAuthStrategy: 'ALLOW',
    groups: Array.isArray(groups) ? groups.map(String) : null,
  };
}

export function oidcIdentity(claims: Record<string, unknown>, sourceIp: string): OidcIdentity {
  return { sub: String(claims.sub), issuer: String(claims.iss), claims, sourceIp: [sourceIp] };
}

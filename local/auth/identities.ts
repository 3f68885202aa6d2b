/**
 * `ctx.identity` objects as AppSync Events builds them per auth mode: for a user pool token the
 * `sub`, issuer, username, every claim, source IP and groups; for AWS_IAM the signing principal.
 * Pure.
 */
import type { CognitoIdentity, IamIdentity } from '../events/contracts.ts';
import type { LocalIamCredentials } from './local-iam-credentials.ts';

/** From verified user pool claims: access tokens carry `username`, ID tokens `cognito:username`. */
export function cognitoIdentity(claims: Record<string, unknown>, sourceIp: string): CognitoIdentity {
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

/** For a request signed with the local cloud's static credentials (an IAM user, not a Cognito identity). */
export function iamIdentity(credentials: LocalIamCredentials, sourceIp: string): IamIdentity {
  return {
    accountId: credentials.accountId,
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    sourceIp: [sourceIp],
    username: credentials.accessKeyId,
    userArn: `arn:aws:iam::${credentials.accountId}:user/local-cloud`,
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
  };
}

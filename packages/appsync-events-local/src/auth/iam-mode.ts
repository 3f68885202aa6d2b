/**
 * AWS_IAM: a SigV4 signature by credentials the emulator knows, then the principal's identity
 * policies must allow `appsync:EventConnect` on the API, or `appsync:EventPublish` /
 * `appsync:EventSubscribe` on the channel namespace. Pure but for the clock.
 */
import type { EventOperation } from './auth-config.ts';
import type { ModeDecision } from './decision.ts';
import { evaluatePolicies, type PolicyDocument } from './iam-policy.ts';
import { verifyEventSignature } from './sigv4.ts';

/**
 * A set of local credentials and who they stand for: an IAM user, or a role's session (then
 * `userArn` is the `assumed-role` ARN and `sessionToken` is set), with that principal's identity
 * policies (a role's inline and attached policies, as the template defines them).
 */
export interface IamPrincipal {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  accountId: string;
  userArn: string;
  /** `ctx.identity.username`: a user's name or id, or `<role id>:<session name>`. */
  username: string;
  policies: readonly PolicyDocument[];
}

export interface EventApiLocation {
  apiId: string;
  accountId: string;
  region: string;
}

const ACTIONS: Record<EventOperation, string> = {
  EVENT_CONNECT: 'appsync:EventConnect',
  EVENT_PUBLISH: 'appsync:EventPublish',
  EVENT_SUBSCRIBE: 'appsync:EventSubscribe',
};

/** The action and resource ARN IAM is asked about for an operation. */
export function iamRequest(api: EventApiLocation, operation: EventOperation, namespace: string | undefined): { action: string; resource: string } {
  const apiArn = `arn:aws:appsync:${api.region}:${api.accountId}:apis/${api.apiId}`;
  return { action: ACTIONS[operation], resource: operation === 'EVENT_CONNECT' ? apiArn : `${apiArn}/channelNamespace/${namespace ?? ''}` };
}

export interface IamRequest {
  headers: Readonly<Record<string, string>>;
  signedBody: string;
  sourceIp: string;
  operation: EventOperation;
  namespace: string | undefined;
}

export function authorizeIam(request: IamRequest, api: EventApiLocation, principals: readonly IamPrincipal[], now: Date): ModeDecision {
  const check = verifyEventSignature(request.headers, request.signedBody, api.region, (id) => principals.find((p) => p.accessKeyId === id), now);
  if (!check.ok) return check;
  const principal = principals.find((candidate) => candidate.accessKeyId === check.accessKeyId)!;
  const { action, resource } = iamRequest(api, request.operation, request.namespace);
  const verdict = evaluatePolicies(principal.policies, action, resource);
  if (verdict !== 'allow') {
    const how = verdict === 'explicit-deny' ? 'with an explicit deny in an identity-based policy' : 'because no identity-based policy allows it';
    return { ok: false, message: `${principal.userArn} is not authorized to perform ${action} on resource ${resource} ${how}` };
  }
  return {
    ok: true,
    identity: {
      accountId: principal.accountId,
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      sourceIp: [request.sourceIp],
      username: principal.username,
      userArn: principal.userArn,
      cognitoIdentityAuthType: null,
      cognitoIdentityAuthProvider: null,
    },
  };
}

/**
 * Each function's own local credentials, as Lambda gives a function a session of its execution
 * role: a distinct access key id, secret and session token per function, and the principal the IAM
 * authorizer maps them to, with that role's policies only. The access key id is derived from the
 * role and the function's name (recognisable in logs); the secret and the token are drawn from the
 * run's random source, so nobody who reads the template can sign as a function (a web page could
 * otherwise reach the Event API from the developer's browser). A function whose role the template
 * does not define (imported by ARN) gets a principal with no policies: what that role may do is not
 * in the template. Pure, given the random source.
 */
import { createHash } from 'node:crypto';
import type { ResolvedResource } from '../assembly/stack-resolver.ts';
import type { IamPrincipal } from './iam-mode.ts';
import type { RandomBytes } from './local-iam-credentials.ts';
import { rolePrincipal } from './role-policies.ts';

/** What a function's session derives from. */
export interface FunctionRole {
  /** The key its credentials are returned under (the emulator's name for the function). */
  name: string;
  /** The session name: the function's deployed name, as Lambda names its role session. */
  sessionName: string;
  /** The function's `Role`: its execution role's ARN. */
  roleArn: string;
}

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface FunctionSessions {
  /** By {@link FunctionRole.name}: what goes in the function's `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`. */
  credentials: Record<string, SessionCredentials>;
  principals: IamPrincipal[];
}

/** Temporary (STS) access key ids start `ASIA`; the marker keeps the local ones recognisable. */
const ACCESS_KEY_PREFIX = 'ASIAEVENTSLOCAL';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const digest = (purpose: string, role: FunctionRole): Buffer =>
  createHash('sha256').update(`${purpose}\n${role.roleArn}\n${role.sessionName}`).digest();

/**
 * The access key id is the same in every run of one template; the secret and the token are new in
 * each run (`random`), and nothing keeps them across a restart: the functions get them in their
 * environment when the run starts them.
 */
export function functionSessionCredentials(role: FunctionRole, random: RandomBytes): SessionCredentials {
  const code = [...digest('access-key-id', role).subarray(0, 5)].map((byte) => BASE32[byte % 32]).join('');
  return {
    accessKeyId: `${ACCESS_KEY_PREFIX}${code}`,
    // 30 bytes are 40 base64 characters, the length of an AWS secret access key.
    secretAccessKey: random(30).toString('base64'),
    sessionToken: `appsync-events-local/${random(32).toString('base64url')}`,
  };
}

/** `arn:aws:iam::<account>:role/<path/>name` → the account and the name. */
function parseRoleArn(arn: string): { accountId: string; roleName: string } {
  const [, , , , accountId = '', resource = ''] = arn.split(':');
  return { accountId, roleName: resource.split('/').pop() ?? '' };
}

function importedRolePrincipal(role: FunctionRole, credentials: SessionCredentials, fallbackAccountId: string): IamPrincipal {
  const parsed = parseRoleArn(role.roleArn);
  const accountId = parsed.accountId || fallbackAccountId;
  const roleId = `AROA${createHash('sha256').update(role.roleArn).digest('hex').slice(0, 17).toUpperCase()}`;
  return {
    ...credentials,
    accountId,
    userArn: `arn:aws:sts::${accountId}:assumed-role/${parsed.roleName}/${role.sessionName}`,
    username: `${roleId}:${role.sessionName}`,
    policies: [],
  };
}

export function functionSessions(
  resources: readonly ResolvedResource[],
  functions: readonly FunctionRole[],
  lookup: { region: string; accountId: string },
  random: RandomBytes,
): FunctionSessions {
  const credentials: Record<string, SessionCredentials> = {};
  const principals: IamPrincipal[] = [];
  const owners = new Map<string, string>();
  for (const fn of functions) {
    const session = functionSessionCredentials(fn, random);
    const owner = owners.get(session.accessKeyId);
    if (owner !== undefined) throw new Error(`Functions ${owner} and ${fn.name} derive the same local access key id ${session.accessKeyId}; rename one`);
    owners.set(session.accessKeyId, fn.name);
    const { roleName } = parseRoleArn(fn.roleArn);
    const defined = resources.some((resource) => resource.type === 'AWS::IAM::Role' && resource.physicalId === roleName);
    credentials[fn.name] = session;
    principals.push(
      defined
        ? rolePrincipal(resources, { role: roleName, ...lookup, credentials: session, sessionName: fn.sessionName })
        : importedRolePrincipal(fn, session, lookup.accountId),
    );
  }
  return { credentials, principals };
}

/**
 * The identity policies a template gives one IAM role: the role's inline `Policies`, every
 * `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` that lists it in `Roles`, and the customer
 * managed policies its `ManagedPolicyArns` name. AWS managed policies are not in the template, so
 * they grant nothing locally. Read the assembly with {@link IAM_RESOURCE_TYPES} added to the
 * resource types for these resources to be there. Pure.
 */
import { defaultAttribute } from '../assembly/attributes.ts';
import { pseudoParameters } from '../assembly/pseudo-parameters.ts';
import type { ResolvedResource } from '../assembly/stack-resolver.ts';
import type { IamPrincipal } from './iam-mode.ts';
import type { PolicyDocument } from './iam-policy.ts';

export const IAM_RESOURCE_TYPES: readonly string[] = ['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'];

export interface RoleLookup {
  /** The role's logical id (in any stack) or its physical name. */
  role: string;
  /** The region and account the assembly was read with: ARNs and the role id derive from them. */
  region: string;
  accountId: string;
}

/** An attribute as the assembly reader derives it by default, so ARNs compare equal to resolved `Ref`s. */
function attributeOf(resource: ResolvedResource, attribute: string, lookup: RoleLookup): string {
  const located = { ...resource, stackName: '', name: undefined, pseudo: pseudoParameters(lookup.region, lookup.accountId, '') };
  return defaultAttribute(located, attribute)!;
}

function findRole(resources: readonly ResolvedResource[], role: string): ResolvedResource {
  const found = resources.filter((resource) => resource.type === 'AWS::IAM::Role' && (resource.logicalId === role || resource.physicalId === role));
  if (found.length === 1) return found[0]!;
  throw new Error(found.length === 0 ? `No AWS::IAM::Role ${role} in the assembly (read it with IAM_RESOURCE_TYPES)` : `Several AWS::IAM::Role match ${role}; give its physical name`);
}

const listsRole = (resource: ResolvedResource, role: ResolvedResource): boolean =>
  Array.isArray(resource.properties.Roles) && resource.properties.Roles.includes(role.physicalId);

export function rolePolicies(resources: readonly ResolvedResource[], lookup: RoleLookup): PolicyDocument[] {
  const role = findRole(resources, lookup.role);
  const inline = ((role.properties.Policies ?? []) as { PolicyDocument: PolicyDocument }[]).map((policy) => policy.PolicyDocument);
  const attachedArns = new Set((role.properties.ManagedPolicyArns ?? []) as string[]);
  const attached = resources.filter(
    (resource) =>
      (resource.type === 'AWS::IAM::Policy' && listsRole(resource, role)) ||
      (resource.type === 'AWS::IAM::ManagedPolicy' && (listsRole(resource, role) || attachedArns.has(attributeOf(resource, 'Arn', lookup)))),
  );
  return [...inline, ...attached.map((resource) => resource.properties.PolicyDocument as PolicyDocument)];
}

/**
 * Local credentials standing for a session of the role: `ctx.identity.userArn` is the
 * `assumed-role` ARN and `username` `<role id>:<session name>`, as STS names a role session.
 */
export function rolePrincipal(
  resources: readonly ResolvedResource[],
  lookup: RoleLookup & { credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }; sessionName: string },
): IamPrincipal {
  const role = findRole(resources, lookup.role);
  return {
    ...lookup.credentials,
    accountId: lookup.accountId,
    userArn: `arn:aws:sts::${lookup.accountId}:assumed-role/${role.physicalId}/${lookup.sessionName}`,
    username: `${attributeOf(role, 'RoleId', lookup)}:${lookup.sessionName}`,
    policies: rolePolicies(resources, lookup),
  };
}

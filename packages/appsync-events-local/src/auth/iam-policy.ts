/**
 * Identity-policy evaluation for one action on one resource, as IAM does it for a single account:
 * an explicit Deny wins, else any Allow admits, else the implicit deny. Statements may use
 * `Action` or `NotAction`, `Resource` or `NotResource`, with `*` and `?` wildcards (actions match
 * case-insensitively, resources case-sensitively). Conditions and policy variables are not
 * evaluated: an Allow with a `Condition` grants nothing and a Deny with one applies, so the local
 * answer is never more permissive than the cloud's. Pure.
 */

type OneOrMany<T> = T | T[];

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny' | string;
  Action?: OneOrMany<string>;
  NotAction?: OneOrMany<string>;
  Resource?: OneOrMany<string>;
  NotResource?: OneOrMany<string>;
  Condition?: Record<string, unknown>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: OneOrMany<PolicyStatement>;
}

export type PolicyVerdict = 'allow' | 'explicit-deny' | 'implicit-deny';

function list<T>(value: OneOrMany<T> | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

function matches(positive: OneOrMany<string> | undefined, negative: OneOrMany<string> | undefined, value: string, ignoreCase: boolean): boolean {
  if (positive !== undefined) return list(positive).some((pattern) => wildcard(pattern, value, ignoreCase));
  if (negative !== undefined) return !list(negative).some((pattern) => wildcard(pattern, value, ignoreCase));
  return false;
}

function applies(statement: PolicyStatement, action: string, resource: string): boolean {
  return matches(statement.Action, statement.NotAction, action, true) && matches(statement.Resource, statement.NotResource, resource, false);
}

export function evaluatePolicies(policies: readonly PolicyDocument[], action: string, resource: string): PolicyVerdict {
  const statements = policies.flatMap((policy) => list(policy.Statement)).filter((statement) => applies(statement, action, resource));
  if (statements.some((statement) => statement.Effect === 'Deny')) return 'explicit-deny';
  const conditionless = statements.filter((statement) => statement.Condition === undefined || Object.keys(statement.Condition).length === 0);
  return conditionless.some((statement) => statement.Effect === 'Allow') ? 'allow' : 'implicit-deny';
}

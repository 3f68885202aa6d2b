import { describe, expect, it } from 'vitest';
import { evaluatePolicies, type PolicyDocument } from './iam-policy.ts';

const API = 'arn:aws:appsync:us-east-1:111122223333:apis/abc123';
const CHAT = `${API}/channelNamespace/chat`;
const ADMIN = `${API}/channelNamespace/admin`;

const allow = (Action: string | string[], Resource: string | string[]): PolicyDocument => ({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action, Resource } });

describe('evaluatePolicies', () => {
  it.each([
    ['an exact action and resource', [allow('appsync:EventPublish', CHAT)], 'appsync:EventPublish', CHAT, 'allow'],
    ['an action wildcard', [allow('appsync:Event*', CHAT)], 'appsync:EventSubscribe', CHAT, 'allow'],
    ['actions in any case', [allow('AppSync:eventpublish', CHAT)], 'appsync:EventPublish', CHAT, 'allow'],
    ['a resource wildcard over namespaces', [allow('appsync:EventPublish', `${API}/*`)], 'appsync:EventPublish', ADMIN, 'allow'],
    ['a ? wildcard', [allow('appsync:EventPublish', `${API}/channelNamespace/cha?`)], 'appsync:EventPublish', CHAT, 'allow'],
    ['no matching action', [allow('appsync:EventSubscribe', CHAT)], 'appsync:EventPublish', CHAT, 'implicit-deny'],
    ['no matching resource', [allow('appsync:EventPublish', CHAT)], 'appsync:EventPublish', ADMIN, 'implicit-deny'],
    ['resources compared case-sensitively', [allow('appsync:EventPublish', CHAT.toUpperCase())], 'appsync:EventPublish', CHAT, 'implicit-deny'],
    ['no policy at all', [], 'appsync:EventConnect', API, 'implicit-deny'],
    ['the API ARN for a namespace action', [allow('appsync:EventPublish', API)], 'appsync:EventPublish', CHAT, 'implicit-deny'],
  ] as const)('%s', (_name, policies, action, resource, verdict) => {
    expect(evaluatePolicies(policies, action, resource)).toBe(verdict);
  });

  it('lets an explicit Deny win over any Allow, in any order and policy', () => {
    const deny: PolicyDocument = { Statement: [{ Effect: 'Deny', Action: 'appsync:EventPublish', Resource: ADMIN }] };

    expect(evaluatePolicies([allow('appsync:*', '*'), deny], 'appsync:EventPublish', ADMIN)).toBe('explicit-deny');
    expect(evaluatePolicies([deny, allow('appsync:*', '*')], 'appsync:EventPublish', ADMIN)).toBe('explicit-deny');
    expect(evaluatePolicies([deny, allow('appsync:*', '*')], 'appsync:EventPublish', CHAT)).toBe('allow');
  });

  it('reads NotAction and NotResource as everything but the listed', () => {
    const policy: PolicyDocument = {
      Statement: [
        { Effect: 'Allow', NotAction: 'appsync:EventPublish', Resource: '*' },
        { Effect: 'Allow', Action: 'appsync:EventPublish', NotResource: ADMIN },
      ],
    };

    expect(evaluatePolicies([policy], 'appsync:EventSubscribe', ADMIN)).toBe('allow');
    expect(evaluatePolicies([policy], 'appsync:EventPublish', CHAT)).toBe('allow');
    expect(evaluatePolicies([policy], 'appsync:EventPublish', ADMIN)).toBe('implicit-deny');
  });

  it('grants nothing through an Allow with a Condition, and applies a Deny with one', () => {
    const conditional: PolicyDocument = {
      Statement: [
        { Effect: 'Allow', Action: 'appsync:EventPublish', Resource: CHAT, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
        { Effect: 'Deny', Action: 'appsync:EventSubscribe', Resource: CHAT, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ],
    };

    expect(evaluatePolicies([conditional], 'appsync:EventPublish', CHAT)).toBe('implicit-deny');
    expect(evaluatePolicies([conditional, allow('appsync:EventSubscribe', CHAT)], 'appsync:EventSubscribe', CHAT)).toBe('explicit-deny');
  });

  it('treats regular-expression characters in patterns literally', () => {
    expect(evaluatePolicies([allow('appsync:EventPublish', `${API}/channelNamespace/c.at`)], 'appsync:EventPublish', `${API}/channelNamespace/chat`)).toBe('implicit-deny');
  });
});

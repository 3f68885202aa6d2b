import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createPreTokenGenerationHandler, DISPLAY_NAME_MAX_LENGTH, displayNameClaim } from './pre-token-generation.ts';

function v2Event(userAttributes: Record<string, string>): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'us-east-1',
    userPoolId: 'us-east-1_pool',
    userName: '2f1e6c1e-0000-4000-8000-000000000001',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client' },
    request: { userAttributes, groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] }, scopes: [] },
    response: { claimsAndScopeOverrideDetails: {} },
  } as PreTokenGenerationV2TriggerEvent;
}

describe('pre-token-generation (V2)', () => {
  const handler = createPreTokenGenerationHandler({ AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' });

  it('adds preferred_username to the access token and the ID token', async () => {
    const result = await handler(v2Event({ sub: 's', email: 'alice@parley.local', preferred_username: 'Alice' }));

    expect(result.response.claimsAndScopeOverrideDetails).toEqual({
      idTokenGeneration: { claimsToAddOrOverride: { preferred_username: 'Alice' } },
      accessTokenGeneration: { claimsToAddOrOverride: { preferred_username: 'Alice' } },
    });
    expect(result.userName).toBe('2f1e6c1e-0000-4000-8000-000000000001');
  });

  it('leaves the tokens alone for a user without a display name', async () => {
    const result = await handler(v2Event({ sub: 's', email: 'x@parley.local' }));

    expect(result.response.claimsAndScopeOverrideDetails).toEqual({});
  });

  it.each([
    ['a plain name', { preferred_username: 'Alice' }, 'Alice'],
    ['bidi overrides and controls', { preferred_username: '\u202EecilA\u0000' }, 'ecilA'],
    ['line breaks', { preferred_username: 'Ali\r\n\n  ce' }, 'Ali ce'],
    ['a decomposed accent', { preferred_username: 'Rene\u0301e' }, 'Renée'],
    ['name when preferred_username is blank', { preferred_username: ' \u202E ', name: 'Alice L.' }, 'Alice L.'],
    ['an emoji name', { preferred_username: '🦊 Fox' }, '🦊 Fox'],
    ['nothing usable', { preferred_username: '\u0007' }, null],
  ])('sanitizes %s', (_what, attributes, expected) => {
    expect(displayNameClaim(attributes)).toBe(expected);
  });

  it('cuts a very long display name to the limit, by code points', () => {
    expect(displayNameClaim({ preferred_username: '😀'.repeat(100) })).toBe('😀'.repeat(DISPLAY_NAME_MAX_LENGTH));
  });
});

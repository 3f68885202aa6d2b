import { describe, expect, it } from 'vitest';
import { DEFAULT_PASSWORD_POLICY } from '../cognito/pool-settings.ts';
import { readUserPoolSettings } from './read-user-pool-settings.ts';

const pool = (properties: Record<string, unknown>) => ({ stackPath: 'App', logicalId: 'Users', type: 'AWS::Cognito::UserPool', physicalId: 'pool', properties });

describe('readUserPoolSettings', () => {
  it("gives a pool without settings Cognito's defaults: sign-in by username, the default policy, no MFA", () => {
    expect(readUserPoolSettings(pool({}))).toEqual({ usernameAttributes: [], aliasAttributes: [], passwordPolicy: DEFAULT_PASSWORD_POLICY, mfa: 'OFF' });
  });

  it('reads the sign-in attributes, the password policy (an absent Require* is false) and optional MFA', () => {
    const settings = readUserPoolSettings(pool({
      AliasAttributes: ['email', 'preferred_username'],
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireNumbers: true, RequireLowercase: 'true' } },
      MfaConfiguration: 'OPTIONAL',
    }));

    expect(settings).toEqual({
      usernameAttributes: [],
      aliasAttributes: ['email', 'preferred_username'],
      passwordPolicy: { minimumLength: 12, requireLowercase: true, requireUppercase: false, requireNumbers: true, requireSymbols: false },
      mfa: 'OPTIONAL',
    });
  });

  it.each([
    [{ MfaConfiguration: 'ON' }, 'appsync-events-local cannot run AWS::Cognito::UserPool App/Users: MfaConfiguration ON is not emulated'],
    [{ UsernameAttributes: ['email'], AliasAttributes: ['phone_number'] }, 'a pool has UsernameAttributes or AliasAttributes, not both'],
    [{ UsernameAttributes: ['preferred_username'] }, 'UsernameAttributes preferred_username is not a Cognito sign-in attribute (email, phone_number are)'],
  ])('refuses %j, naming the pool', (properties, message) => {
    expect(() => readUserPoolSettings(pool(properties))).toThrow(message);
  });
});

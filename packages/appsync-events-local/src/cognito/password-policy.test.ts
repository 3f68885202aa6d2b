import { describe, expect, it } from 'vitest';
import { passwordRefusal, passwordViolation } from './password-policy.ts';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from './pool-settings.ts';

const lenient: PasswordPolicy = { minimumLength: 6, requireLowercase: false, requireUppercase: false, requireNumbers: false, requireSymbols: false };
const target = (operation: string) => `AWSCognitoIdentityProviderService.${operation}`;

describe('passwordViolation', () => {
  it.each([
    ['Sh0rt!', 'Password not long enough'],
    ['NOLOWER-1', 'Password must have lowercase characters'],
    ['noupper-1', 'Password must have uppercase characters'],
    ['No-numbers', 'Password must have numeric characters'],
    ['NoSymbols1', 'Password must have symbol characters'],
    [' NoSymbol1', 'Password must have symbol characters'],
  ])('refuses %j under the default policy: %s', (password, violation) => {
    expect(passwordViolation(password, DEFAULT_PASSWORD_POLICY)).toBe(violation);
  });

  it.each(['Passw0rd!', 'Pass w0rd', 'Ünïcødé-1a', 'Aa1^$*.[]{}'])('takes %j under the default policy', (password) => {
    expect(passwordViolation(password, DEFAULT_PASSWORD_POLICY)).toBeNull();
  });

  it('applies only the rules the policy sets', () => {
    expect(passwordViolation('simple', lenient)).toBeNull();
    expect(passwordViolation('short', lenient)).toBe('Password not long enough');
  });
});

describe('passwordRefusal', () => {
  it.each([
    ['SignUp', { Username: 'ana', Password: 'weak' }, 'Password did not conform with policy: Password not long enough'],
    ['ChangePassword', { PreviousPassword: 'Passw0rd!', ProposedPassword: 'weakpassword' }, 'Password did not conform with policy: Password must have uppercase characters'],
    ['ConfirmForgotPassword', { Username: 'ana', ConfirmationCode: '123456', Password: 'weak' }, 'Password does not conform to policy: Password not long enough'],
    ['AdminSetUserPassword', { Username: 'ana', Password: 'weak', Permanent: true }, 'Password does not conform to policy: Password not long enough'],
    ['AdminCreateUser', { Username: 'ana', TemporaryPassword: 'weak' }, 'Password does not conform to policy: Password not long enough'],
    ['RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', ChallengeResponses: { NEW_PASSWORD: 'weak' } }, 'Password does not conform to policy: Password not long enough'],
  ])('answers %s setting a weak password with InvalidPasswordException', (operation, input, message) => {
    expect(passwordRefusal(target(operation), input, DEFAULT_PASSWORD_POLICY)).toEqual({ __type: 'InvalidPasswordException', message });
  });

  it.each([
    ['SignUp', { Username: 'ana', Password: 'Passw0rd!' }],
    ['AdminCreateUser', { Username: 'ana' }],
    ['InitiateAuth', { AuthParameters: { USERNAME: 'ana', PASSWORD: 'weak' } }],
    ['RespondToAuthChallenge', { ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: { NEW_PASSWORD: 'weak' } }],
  ])('lets %s through when it sets no password or a good one', (operation, input) => {
    expect(passwordRefusal(target(operation), input, DEFAULT_PASSWORD_POLICY)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { isPublicRequest } from './public-operations.ts';

const post = (operation: string) => ({ method: 'POST', path: '/', target: `AWSCognitoIdentityProviderService.${operation}` });

describe('isPublicRequest', () => {
  it.each([
    'InitiateAuth',
    'RespondToAuthChallenge',
    'GetTokensFromRefreshToken',
    'SignUp',
    'ConfirmSignUp',
    'ResendConfirmationCode',
    'ForgotPassword',
    'ConfirmForgotPassword',
    'GetUser',
    'GlobalSignOut',
    'RevokeToken',
    'UpdateUserAttributes',
    'VerifyUserAttribute',
    'DeleteUser',
    'ChangePassword',
  ])('opens %s, which users send', (operation) => {
    expect(isPublicRequest(post(operation))).toBe(true);
  });

  it.each(['AdminAddUserToGroup', 'AdminCreateUser', 'AdminInitiateAuth', 'AdminSetUserPassword', 'ListUsers', 'ListUserPools', 'CreateUserPool', 'CreateGroup', 'DescribeUserPool', 'Nonsense'])(
    'keeps %s for the admin token',
    (operation) => {
      expect(isPublicRequest(post(operation))).toBe(false);
    },
  );

  it.each([
    ['a user operation under another service prefix', { method: 'POST', path: '/', target: 'SomeOtherService.InitiateAuth' }],
    ['no target', { method: 'POST', path: '/', target: undefined }],
    ['a user operation on another path', { method: 'POST', path: '/oauth2/token', target: 'AWSCognitoIdentityProviderService.InitiateAuth' }],
    ["cognito-local's health check", { method: 'GET', path: '/health', target: undefined }],
    ['another method', { method: 'PUT', path: '/', target: 'AWSCognitoIdentityProviderService.InitiateAuth' }],
  ])('keeps %s for the admin token', (_, request) => {
    expect(isPublicRequest(request)).toBe(false);
  });

  it.each(['/local_abc/.well-known/jwks.json', '/local_abc/.well-known/openid-configuration'])('opens GET %s', (path) => {
    expect(isPublicRequest({ method: 'GET', path, target: undefined })).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { clientWritableAttributes } from './test-support/deployed-client.ts';
import { writesUnauthorizedAttribute } from './writable-attributes.ts';

const target = (operation: string) => `AWSCognitoIdentityProviderService.${operation}`;
const attributes = (...names: string[]) => names.map((Name) => ({ Name, Value: 'x' }));

describe('writesUnauthorizedAttribute (the client writes email only)', () => {
  it.each([
    ['SignUp', { Username: 'a@b.c', UserAttributes: attributes('email', 'preferred_username') }],
    ['SignUp', { Username: 'a@b.c', UserAttributes: attributes('name') }],
    ['UpdateUserAttributes', { AccessToken: 't', UserAttributes: attributes('preferred_username') }],
    ['UpdateUserAttributes', { AccessToken: 't', UserAttributes: attributes('custom:role') }],
    ['UpdateUserAttributes', { AccessToken: 't', UserAttributes: [{ Value: 'no name' }] }],
    ['DeleteUserAttributes', { AccessToken: 't', UserAttributeNames: ['name'] }],
  ])('refuses %s writing %j', (operation, input) => {
    expect(writesUnauthorizedAttribute(target(operation), input, clientWritableAttributes)).toBe(true);
  });

  it.each([
    ['SignUp', { Username: 'a@b.c', UserAttributes: attributes('email') }],
    ['SignUp', { Username: 'a@b.c', Password: 'p' }],
    ['UpdateUserAttributes', { AccessToken: 't', UserAttributes: attributes('email') }],
    ['InitiateAuth', { AuthParameters: { preferred_username: 'x' } }],
    ['AdminUpdateUserAttributes', { UserAttributes: attributes('name') }],
  ])('lets %s through with %j', (operation, input) => {
    expect(writesUnauthorizedAttribute(target(operation), input, clientWritableAttributes)).toBe(false);
  });
});

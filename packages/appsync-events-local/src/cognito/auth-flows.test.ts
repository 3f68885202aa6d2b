import { describe, expect, it } from 'vitest';
import { clientAuthFlows } from './test-support/deployed-client.ts';
import { authFlowRefusal, toCognitoSignInError } from './auth-flows.ts';

describe('the app client’s auth flows', () => {
  it('allows SRP, custom auth and refresh to the app’s client, and refuses a plain password sign-in', () => {
    const answers = ['USER_SRP_AUTH', 'CUSTOM_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN', 'USER_PASSWORD_AUTH', 'USER_AUTH'].map((flow) => [
      flow,
      authFlowRefusal(flow, clientAuthFlows)?.message ?? 'allowed',
    ]);

    expect(answers).toEqual([
      ['USER_SRP_AUTH', 'allowed'],
      ['CUSTOM_AUTH', 'allowed'],
      ['REFRESH_TOKEN_AUTH', 'allowed'],
      ['REFRESH_TOKEN', 'allowed'],
      ['USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH flow not enabled for this client'],
      ['USER_AUTH', 'USER_AUTH flow not enabled for this client'],
    ]);
  });

  it('refuses a flow InitiateAuth does not take, whatever the client allows', () => {
    expect(authFlowRefusal('ADMIN_USER_PASSWORD_AUTH', ['ALLOW_ADMIN_USER_PASSWORD_AUTH'])).toEqual({
      __type: 'InvalidParameterException',
      message: 'Initiate Auth method not supported.',
    });
    expect(authFlowRefusal(undefined, clientAuthFlows)?.__type).toBe('InvalidParameterException');
  });

  it('gives a client without ExplicitAuthFlows Cognito’s defaults, and always refresh', () => {
    expect(authFlowRefusal('USER_SRP_AUTH', undefined)).toBeNull();
    expect(authFlowRefusal('USER_PASSWORD_AUTH', [])?.__type).toBe('InvalidParameterException');
    expect(authFlowRefusal('REFRESH_TOKEN_AUTH', ['ALLOW_USER_SRP_AUTH'])).toBeNull();
  });

  it('puts cognito-local’s password errors in Cognito’s words and passes the rest', () => {
    const incorrect = { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' };
    const notConfirmed = { __type: 'UserNotConfirmedException', message: 'User is not confirmed.' };

    expect(toCognitoSignInError({ __type: 'InvalidPasswordException', message: 'Invalid password' })).toEqual(incorrect);
    expect(toCognitoSignInError({ __type: 'NotAuthorizedException', message: 'User not authorized' })).toEqual(incorrect);
    expect(toCognitoSignInError(notConfirmed)).toBe(notConfirmed);
  });
});

import type { PreSignUpTriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../lib/errors.ts';
import { createPreSignUpHandler } from './pre-sign-up.ts';

function signUp(email: string, triggerSource: PreSignUpTriggerEvent['triggerSource'] = 'PreSignUp_SignUp'): PreSignUpTriggerEvent {
  return {
    version: '1',
    triggerSource,
    region: 'us-east-1',
    userPoolId: 'us-east-1_pool',
    userName: 'f00d0000-0000-4000-8000-000000000001',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client' },
    request: { userAttributes: { email } },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  } as PreSignUpTriggerEvent;
}

const handlerFor = (policy: string) =>
  createPreSignUpHandler({ AWS_REGION: 'us-east-1', SIGNUP_POLICY: policy, POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' });

describe('pre-sign-up', () => {
  it('lets anyone sign up under the open policy, confirming nothing itself', async () => {
    const event = signUp('ann@anywhere.test');

    const result = await handlerFor('open')(event);

    expect(result).toBe(event);
    expect(result.response).toEqual({ autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
  });

  it('lets in only the listed domains, and says which', async () => {
    const handler = handlerFor('domains:example.com,team.example.org');

    await expect(handler(signUp('ann@Example.com'))).resolves.toBeDefined();
    await expect(handler(signUp('bob@team.example.org'))).resolves.toBeDefined();
    await expect(handler(signUp('eve@evil-example.com'))).rejects.toThrow('Sign-up is open to email addresses at example.com, team.example.org only');
    await expect(handler(signUp('eve@example.com.evil.test'))).rejects.toThrow(/only/);
    await expect(handler(signUp('eve@example.com', 'PreSignUp_ExternalProvider'))).resolves.toBeDefined();
    await expect(handler(signUp('eve@gmail.com', 'PreSignUp_ExternalProvider'))).rejects.toThrow(/only/);
  });

  it('refuses every self sign-up when invite-only, and allows what an administrator creates', async () => {
    const handler = handlerFor('invite');

    await expect(handler(signUp('ann@example.com'))).rejects.toThrow('Sign-up is by invitation only: ask an administrator for an account');
    await expect(handler(signUp('ann@example.com', 'PreSignUp_AdminCreateUser'))).resolves.toBeDefined();
  });

  it('fails at cold start on a malformed policy', () => {
    expect(() => handlerFor('closed')).toThrow(ConfigurationError);
    expect(() => handlerFor('domains:')).toThrow(/SIGNUP_POLICY/);
  });
});

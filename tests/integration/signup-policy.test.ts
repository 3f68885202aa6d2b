/**
 * The deployment's sign-up policy on the local cloud, through the real aws-amplify client: the
 * pool runs `functions/pre-sign-up` on every sign-up, and an invite-only pool refuses SignUp
 * itself, as Cognito does. Attack: someone outside the allowed domains creating an account.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { type AmplifyTestClient, startAmplifyClient } from '../support/amplify-client.ts';

const PASSWORD = 'Correct-horse-9-battery';
const email = (domain: string) => `member-${randomUUID().slice(0, 8)}@${domain}`;

describe('a local cloud that admits only example.com addresses', () => {
  let cloud: LocalCloud;
  let client: AmplifyTestClient;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, signup: { kind: 'domains', domains: ['example.com'] } });
    client = startAmplifyClient(cloud.outputs);
  });

  afterAll(async () => {
    await client?.close();
    await cloud?.close();
  });

  it('signs up an address at the allowed domain, which then confirms its email', async () => {
    await expect(client.signUp(email('Example.com'), PASSWORD)).resolves.toEqual({ nextStep: 'CONFIRM_SIGN_UP' });
  });

  it('refuses an address anywhere else, with the reason the trigger gives, as Cognito words it', async () => {
    await expect(client.signUp(email('evil-example.com'), PASSWORD)).rejects.toThrow(
      'UserLambdaValidationException: PreSignUp failed with error Sign-up is open to email addresses at example.com only.',
    );
    await expect(client.signUp(email('example.com.evil.test'), PASSWORD)).rejects.toThrow(/UserLambdaValidationException/);
  });
});

describe('an invite-only local cloud', () => {
  let cloud: LocalCloud;
  let client: AmplifyTestClient;

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, signup: { kind: 'invite' } });
    client = startAmplifyClient(cloud.outputs);
  });

  afterAll(async () => {
    await client?.close();
    await cloud?.close();
  });

  it('refuses every sign-up before any trigger runs, as an AllowAdminCreateUserOnly pool does', async () => {
    await expect(client.signUp(email('example.com'), PASSWORD)).rejects.toThrow(
      'NotAuthorizedException: SignUp is not permitted for this user pool',
    );
  });

  it('still signs in the members an administrator created', async () => {
    const [alice] = cloud.outputs.custom.local?.users ?? [];

    await expect(client.signIn(alice!.username, alice!.password)).resolves.toBeUndefined();
  });
});

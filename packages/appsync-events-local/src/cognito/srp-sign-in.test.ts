import { describe, expect, it } from 'vitest';
import { createSrpSignIn, isVerifiedClaim, SRP_SESSION_MS, type SrpReply } from './srp-sign-in.ts';
import { formatSrpTimestamp, SRP_N } from './srp.ts';
import { createAmplifySrpClient, type PasswordVerifierChallenge } from './test-support/amplify-srp-client.ts';
import type { UserPoolDirectory } from './user-pool-directory.ts';

const userPoolId = 'local_4f1c2a9e';
const clientId = 'web-client';
const alice = { email: 'alice@test.local', userId: '6f0d5a4e-2b7c-4a10-9d2e-8c1b0f3e5a77', password: 'Test-pass-1' };

// A pool with one client and one user, as cognito-local's store would answer.
const directory: UserPoolDirectory = {
  client: (id) => Promise.resolve(id === clientId ? { userPoolId, explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] } : null),
  user: (id, username) =>
    Promise.resolve(id === clientId && (username === alice.email || username === alice.userId) ? { userId: alice.userId, password: alice.password } : null),
};

function setUp(start = Date.parse('2026-12-06T13:00:00Z')) {
  const clock = { now: start };
  return { clock, signIn: createSrpSignIn({ directory, now: () => clock.now }) };
}

async function challengeFor(signIn: ReturnType<typeof setUp>['signIn'], username: string) {
  const client = await createAmplifySrpClient(userPoolId);
  const reply = await signIn.initiate({ ClientId: clientId, AuthParameters: { USERNAME: username, SRP_A: client.srpA } });
  expect(reply.status).toBe(200);
  const challenge = (reply.body as { ChallengeParameters: PasswordVerifierChallenge }).ChallengeParameters;
  return { client, challenge };
}

function errorOf(outcome: Awaited<ReturnType<ReturnType<typeof setUp>['signIn']['verify']>>): SrpReply['body'] {
  if (isVerifiedClaim(outcome)) throw new Error('the claim verified');
  return outcome.body;
}

describe('USER_SRP_AUTH in the local user pool', () => {
  it('verifies aws-amplify’s claim for the right password and names the user to sign in', async () => {
    const { clock, signIn } = setUp();
    const { client, challenge } = await challengeFor(signIn, alice.email);

    const outcome = await signIn.verify({ ClientId: clientId, ChallengeResponses: await client.answer(challenge, alice.password, formatSrpTimestamp(new Date(clock.now))) });

    expect(challenge).toMatchObject({ USER_ID_FOR_SRP: alice.userId, USERNAME: alice.userId });
    expect(outcome).toEqual({ clientId, user: { userId: alice.userId, password: alice.password } });
  });

  it('refuses a wrong password as Cognito does', async () => {
    const { signIn } = setUp(Date.now());
    const { client, challenge } = await challengeFor(signIn, alice.email);

    const outcome = await signIn.verify({ ClientId: clientId, ChallengeResponses: await client.answer(challenge, 'Test-pass-2') });

    expect(errorOf(outcome)).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('challenges an unknown user like a known one, with a stable identity, and refuses the claim alike', async () => {
    const { signIn } = setUp(Date.now());
    const first = await challengeFor(signIn, 'nobody@test.local');
    const second = await challengeFor(signIn, 'nobody@test.local');

    const outcome = await signIn.verify({ ClientId: clientId, ChallengeResponses: await first.client.answer(first.challenge, alice.password) });

    expect(Object.keys(first.challenge).sort()).toEqual(['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP']);
    expect(first.challenge.USER_ID_FOR_SRP).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([second.challenge.USER_ID_FOR_SRP, second.challenge.SALT]).toEqual([first.challenge.USER_ID_FOR_SRP, first.challenge.SALT]);
    expect(errorOf(outcome)).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('takes a secret block once: a replayed claim is refused', async () => {
    const { signIn } = setUp(Date.now());
    const { client, challenge } = await challengeFor(signIn, alice.email);
    const claim = await client.answer(challenge, alice.password);
    expect(isVerifiedClaim(await signIn.verify({ ClientId: clientId, ChallengeResponses: claim }))).toBe(true);

    const replay = await signIn.verify({ ClientId: clientId, ChallengeResponses: claim });

    expect(errorOf(replay)).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  });

  it('refuses a claim after the 3-minute session, even with a fresh timestamp', async () => {
    const { clock, signIn } = setUp();
    const { client, challenge } = await challengeFor(signIn, alice.email);
    clock.now += SRP_SESSION_MS;

    const outcome = await signIn.verify({ ClientId: clientId, ChallengeResponses: await client.answer(challenge, alice.password, formatSrpTimestamp(new Date(clock.now))) });

    expect(errorOf(outcome)).toMatchObject({ __type: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  });

  it('refuses a secret block it never issued, and one issued for another client', async () => {
    const { signIn } = setUp(Date.now());
    const { client, challenge } = await challengeFor(signIn, alice.email);
    const claim = await client.answer(challenge, alice.password);

    const forged = await signIn.verify({ ClientId: clientId, ChallengeResponses: { ...claim, PASSWORD_CLAIM_SECRET_BLOCK: Buffer.alloc(64, 7).toString('base64') } });
    const otherClient = await signIn.verify({ ClientId: 'another-client', ChallengeResponses: claim });

    expect(errorOf(forged)).toMatchObject({ __type: 'NotAuthorizedException' });
    expect(errorOf(otherClient)).toMatchObject({ __type: 'NotAuthorizedException' });
  });

  it('refuses a tampered signature, another user name and a timestamp far from now', async () => {
    const { signIn } = setUp(Date.now());
    const attempts = [
      (claim: Record<string, string>) => ({ ...claim, PASSWORD_CLAIM_SIGNATURE: flipFirstByte(claim.PASSWORD_CLAIM_SIGNATURE!) }),
      (claim: Record<string, string>) => ({ ...claim, USERNAME: 'someone-else' }),
      (claim: Record<string, string>) => ({ ...claim, TIMESTAMP: 'Thu Jan 1 00:00:00 UTC 1970' }),
    ];

    for (const tamper of attempts) {
      const { client, challenge } = await challengeFor(signIn, alice.email);
      const claim = await client.answer(challenge, alice.password);

      const outcome = await signIn.verify({ ClientId: clientId, ChallengeResponses: tamper({ ...claim }) });

      expect(errorOf(outcome)).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    }
  });

  it('refuses a client value A that is 0 mod N, and an unknown client', async () => {
    const { signIn } = setUp(Date.now());

    const zero = await signIn.initiate({ ClientId: clientId, AuthParameters: { USERNAME: alice.email, SRP_A: SRP_N.toString(16) } });
    const unknown = await signIn.initiate({ ClientId: 'nope', AuthParameters: { USERNAME: alice.email, SRP_A: 'abc' } });

    expect(zero).toEqual({ status: 400, body: { __type: 'InvalidParameterException', message: 'SRP_A is invalid' } });
    expect(unknown.body).toMatchObject({ __type: 'ResourceNotFoundException' });
  });
});

function flipFirstByte(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = bytes[0]! ^ 1;
  return bytes.toString('base64');
}

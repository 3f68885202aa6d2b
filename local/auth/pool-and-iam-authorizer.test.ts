import { signRequest } from '@aws-amplify/core/internals/aws-client-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorizeRequest, EventAuthorizer } from 'appsync-events-local/src/events/contracts.ts';
import { createJwtVerifier, createPoolAndIamAuthorizer, type LocalCognito, type LocalIamCredentials, startLocalCognito } from 'appsync-events-local';
import { signEventRequest } from 'appsync-events-local';
import { signInWithPassword, tamperJwt, type PoolTokens } from 'appsync-events-local/src/auth/test-support/test-tokens.ts';
import { deployedClient } from 'appsync-events-local/src/cognito/test-support/deployed-client.ts';

const alice = { email: 'alice@test.local', password: 'Test-pass-1', displayName: 'Alice', groups: [] };
const iam: LocalIamCredentials = {
  accessKeyId: 'AKIATESTLOCAL0000000',
  secretAccessKey: 'test-secret-access-key',
  accountId: '123456789012',
  region: 'us-east-1',
};
const url = 'http://127.0.0.1:4010/event';
const publishBody = JSON.stringify({ channel: '/rooms/lobby', events: [JSON.stringify({ text: 'hi' })] });
const BOTH = ['AMAZON_COGNITO_USER_POOLS', 'AWS_IAM'] as const;

function request(headers: Record<string, string>, signedBody = '{}'): AuthorizeRequest {
  return { operation: 'EVENT_CONNECT', headers, signedBody, sourceIp: '10.0.0.7' };
}

describe('createPoolAndIamAuthorizer', () => {
  let cognito: LocalCognito;
  let authorizer: EventAuthorizer;
  let tokens: PoolTokens;

  beforeAll(async () => {
    cognito = await startLocalCognito({ client: deployedClient, users: [alice], groups: ['moderators'] });
    authorizer = createPoolAndIamAuthorizer({ jwt: createJwtVerifier(cognito), iam });
    tokens = await signInWithPassword(cognito, alice.email, alice.password);
  });

  afterAll(async () => {
    await cognito?.close();
  });

  describe('AMAZON_COGNITO_USER_POOLS', () => {
    it('builds the Cognito identity from an access token', async () => {
      const result = await authorizer.authorize(request({ authorization: tokens.accessToken }), BOTH);

      expect(result).toEqual({
        ok: true,
        authType: 'AMAZON_COGNITO_USER_POOLS',
        identity: {
          sub: expect.any(String),
          issuer: cognito.issuer,
          username: expect.any(String),
          claims: expect.objectContaining({ token_use: 'access' }),
          sourceIp: ['10.0.0.7'],
          defaultAuthStrategy: 'ALLOW',
          groups: null,
        },
      });
    });

    it('takes the username from cognito:username in an ID token, with a Bearer prefix and any header case', async () => {
      const result = await authorizer.authorize(request({ AUTHORIZATION: `Bearer ${tokens.idToken}` }), BOTH);

      expect(result.ok && result.identity).toMatchObject({ username: expect.any(String), claims: { email: alice.email } });
      const identity = result.ok ? (result.identity as { username: string; sub: string }) : null;
      expect(identity?.username).toBe(identity?.sub);
    });

    it('refuses a tampered token with the reason', async () => {
      const result = await authorizer.authorize(request({ authorization: tamperJwt(tokens.accessToken, { sub: 'x' }) }), BOTH);

      expect(result).toEqual({ ok: false, message: 'Invalid signature' });
    });

    it('refuses a valid token when only AWS_IAM is allowed', async () => {
      const result = await authorizer.authorize(request({ authorization: tokens.accessToken }), ['AWS_IAM']);

      expect(result.ok).toBe(false);
    });
  });

  describe('AWS_IAM', () => {
    it('accepts a request signed with the local credentials and builds the IAM identity', async () => {
      const headers = signEventRequest({ url, body: publishBody, credentials: iam, region: iam.region });

      const result = await authorizer.authorize(request(headers, publishBody), BOTH);

      expect(result).toEqual({
        ok: true,
        authType: 'AWS_IAM',
        identity: {
          accountId: '123456789012',
          cognitoIdentityPoolId: null,
          cognitoIdentityId: null,
          sourceIp: ['10.0.0.7'],
          username: iam.accessKeyId,
          userArn: 'arn:aws:iam::123456789012:user/local-cloud',
          cognitoIdentityAuthType: null,
          cognitoIdentityAuthProvider: null,
        },
      });
    });

    it('accepts the WebSocket form: a connect signature over {} with the headers as a frame object', async () => {
      const headers = signEventRequest({ url, body: '{}', credentials: iam, region: iam.region });
      const frame = { ...headers, Authorization: headers.authorization!, 'x-amz-user-agent': 'aws-amplify/6' };
      delete (frame as Record<string, string>).authorization;

      const result = await authorizer.authorize(request(frame, '{}'), ['AWS_IAM']);

      expect(result.ok).toBe(true);
    });

    it("accepts a WebSocket subscribe frame signed by aws-amplify's own SigV4 signer", async () => {
      const body = JSON.stringify({ channel: '/rooms/lobby' });
      const { headers } = signRequest(
        {
          url: new URL(url),
          method: 'POST',
          headers: { accept: 'application/json, text/javascript', 'content-encoding': 'amz-1.0', 'content-type': 'application/json; charset=UTF-8' },
          body,
        },
        { credentials: iam, signingRegion: iam.region, signingService: 'appsync' },
      );

      const result = await authorizer.authorize(request(headers, body), ['AWS_IAM']);

      expect(result).toMatchObject({ ok: true, authType: 'AWS_IAM' });
    });

    it('refuses a signature made with the wrong secret', async () => {
      const credentials = { ...iam, secretAccessKey: 'not-the-secret' };
      const headers = signEventRequest({ url, body: publishBody, credentials, region: iam.region });

      const result = await authorizer.authorize(request(headers, publishBody), BOTH);

      expect(result).toEqual({ ok: false, message: expect.stringContaining('signature we calculated does not match') });
    });

    it('refuses an unknown access key', async () => {
      const credentials = { ...iam, accessKeyId: 'AKIAOTHER00000000000' };
      const headers = signEventRequest({ url, body: publishBody, credentials, region: iam.region });

      const result = await authorizer.authorize(request(headers, publishBody), ['AWS_IAM']);

      expect(result).toEqual({ ok: false, message: expect.stringContaining('security token') });
    });

    it('refuses a signature older than 15 minutes', async () => {
      const signingDate = new Date(Date.now() - 16 * 60 * 1000);
      const headers = signEventRequest({ url, body: publishBody, credentials: iam, region: iam.region, date: signingDate });

      const result = await authorizer.authorize(request(headers, publishBody), ['AWS_IAM']);

      expect(result).toEqual({ ok: false, message: expect.stringContaining('Signature expired') });
    });

    it('refuses a signature for another body', async () => {
      const headers = signEventRequest({ url, body: publishBody, credentials: iam, region: iam.region });

      const result = await authorizer.authorize(request(headers, publishBody.replace('hi', 'bye')), ['AWS_IAM']);

      expect(result.ok).toBe(false);
    });

    it('refuses a signature for another region', async () => {
      const headers = signEventRequest({ url, body: publishBody, credentials: iam, region: 'eu-west-1' });

      const result = await authorizer.authorize(request(headers, publishBody), ['AWS_IAM']);

      expect(result).toEqual({ ok: false, message: expect.stringContaining('us-east-1/appsync') });
    });

    it('refuses an unsigned request', async () => {
      const result = await authorizer.authorize(request({ host: '127.0.0.1:4010' }, publishBody), ['AWS_IAM']);

      expect(result).toEqual({ ok: false, message: expect.stringContaining('No credentials') });
    });

    it('tolerates a client that escaped slashes in the JSON it signed', async () => {
      const clientBody = publishBody.replaceAll('/', '\\/');
      const headers = signEventRequest({ url, body: clientBody, credentials: iam, region: iam.region });

      const result = await authorizer.authorize(request(headers, publishBody), ['AWS_IAM']);

      expect(result.ok).toBe(true);
    });

    it('refuses a signed request when only AMAZON_COGNITO_USER_POOLS is allowed', async () => {
      const headers = signEventRequest({ url, body: publishBody, credentials: iam, region: iam.region });

      const result = await authorizer.authorize(request(headers, publishBody), ['AMAZON_COGNITO_USER_POOLS']);

      expect(result.ok).toBe(false);
    });
  });
});

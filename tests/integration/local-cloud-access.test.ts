/**
 * The local cloud against a page open in the developer's browser: every server refuses a request
 * addressed to another host (DNS rebinding), and the local-only endpoints (failure injection, the
 * user pool's admin calls) refuse a page on another site and anyone without the run's admin token,
 * while the local cloud's own tooling keeps working with it. The embedded DynamoDB answers no
 * browser at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_HEADER, createCognitoAdminClient } from 'appsync-events-local';
import { rawRequest } from 'appsync-events-local/src/access/test-support/raw-http.ts';
import { decodeJwt } from 'appsync-events-local/src/auth/test-support/test-tokens.ts';
import { withoutLocalSecrets } from '../../core/outputs.ts';
import { demoUsers } from '../../local/demo-users.ts';
import { headerSubprotocol, realtimeUrl, upgradeStatus } from 'appsync-events-local/src/events/test-socket.ts';
import { type LocalCloud, startLocalCloud } from '../../local/local-cloud.ts';
import { signInTokens } from '../support/raw-events-socket.ts';

const EVIL = 'https://evil.example';
const alice = demoUsers.find((user) => user.groups.length === 0)!;

describe('the local cloud answers only its own app', () => {
  let cloud: LocalCloud;
  let faultsUrl: string;
  let userPool: string;

  const aliceGroups = async () => {
    const { accessToken } = await signInTokens(cloud.outputs, alice.email, alice.password);
    return decodeJwt(accessToken)['cognito:groups'];
  };
  const addAliceToModerators = (headers: Record<string, string>) =>
    fetch(userPool, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.AdminAddUserToGroup', ...headers },
      body: JSON.stringify({ UserPoolId: cloud.outputs.auth.user_pool_id, Username: alice.email, GroupName: 'moderators' }),
    });

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, rateLimit: 'off' });
    faultsUrl = cloud.outputs.custom.events.url.replace(/\/event$/, '/_local/faults');
    userPool = cloud.outputs.custom.local!.user_pool_endpoint;
  });

  afterAll(async () => {
    await cloud?.close();
  });

  it('writes the run’s admin token into the outputs', () => {
    expect(cloud.outputs.custom.local?.admin_token).toBe(cloud.adminToken);
    expect(cloud.adminToken).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes the run’s IAM credentials beside the admin token, and the page’s copy of the outputs carries neither', () => {
    const { accessKeyId, secretAccessKey } = cloud.iamCredentials;

    const pageCopy = JSON.stringify(withoutLocalSecrets(cloud.outputs));

    expect(cloud.outputs.custom.local?.iam_credentials).toEqual({ access_key_id: accessKeyId, secret_access_key: secretAccessKey });
    expect(secretAccessKey).not.toBe('appsync-events-local-secret-access-key-not-a-secret');
    expect(pageCopy).toContain('user_pool_endpoint');
    expect(pageCopy).not.toContain(secretAccessKey);
    expect(pageCopy).not.toContain(cloud.adminToken);
  });

  it.each([
    ['the events HTTP endpoint', () => cloud.outputs.custom.events.url],
    ['the HTTP API', () => `${Object.values(cloud.outputs.custom.API)[0]!.endpoint}/rooms`],
    ['the Cognito front', () => userPool],
    ['/_local/faults', () => faultsUrl],
    ['DynamoDB', () => cloud.dynamoEndpoint],
  ])('%s refuses a request addressed to another host (DNS rebinding): 421', async (_, url) => {
    const target = new URL(url());

    const res = await rawRequest(target.href, {
      method: 'POST',
      headers: { host: `evil.example:${target.port}`, 'content-type': 'application/json', [ADMIN_TOKEN_HEADER]: cloud.adminToken },
      body: '{}',
    });

    expect(res.status).toBe(421);
  });

  it('the events WebSocket refuses an upgrade addressed to another host, before the handshake', async () => {
    const url = realtimeUrl(cloud.outputs.custom.events.url);

    const status = await upgradeStatus(url, { protocols: ['aws-appsync-event-ws', headerSubprotocol({ Authorization: 'x' })], headers: { host: `evil.example:${new URL(url).port}` } });

    expect(status).toBe(421);
  });

  it('refuses a page on another site turning on fault injection (text/plain, no token): faults stay off', async () => {
    const res = await fetch(faultsUrl, {
      method: 'POST',
      headers: { origin: EVIL, 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ lambda: { name: 'persist-messages', fault: { failRate: 1 } } }),
    });

    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(cloud.faults.snapshot()).toEqual({ lambdas: {} });
  });

  it('drives fault injection for a process with the token', async () => {
    const set = await fetch(faultsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ADMIN_TOKEN_HEADER]: cloud.adminToken },
      body: JSON.stringify({ lambda: { name: 'history', fault: { delayMs: 1 } } }),
    });
    const faultsSet = cloud.faults.snapshot();
    cloud.faults.clear();

    expect(set.status).toBe(200);
    expect(faultsSet).toEqual({ lambdas: { history: { delayMs: 1 } } });
  });

  it('refuses AdminAddUserToGroup through the Cognito front without the token: the member is not a moderator', async () => {
    const fromPage = await addAliceToModerators({ origin: EVIL });
    const fromProcess = await addAliceToModerators({});

    expect([fromPage.status, fromProcess.status]).toEqual([400, 400]);
    expect(fromPage.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await fromProcess.json()) as { __type: string }).__type).toBe('NotAuthorizedException');
    expect(await aliceGroups()).toBeUndefined();
  });

  it('keeps the user pool’s admin calls open to the local cloud’s own tooling, with the token', async () => {
    const admin = createCognitoAdminClient(userPool, cloud.adminToken);
    const ids = { UserPoolId: cloud.outputs.auth.user_pool_id, Username: alice.email };

    const { Groups } = await admin.call<{ Groups: unknown[] }>('AdminListGroupsForUser', ids);

    expect(Groups).toEqual([]);
  });

  it('gives a page on another site no CORS permission on DynamoDB and refuses its read', async () => {
    const preflight = await fetch(cloud.dynamoEndpoint, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
    });
    const read = await fetch(cloud.dynamoEndpoint, {
      method: 'POST',
      headers: {
        origin: EVIL,
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        authorization: 'AWS4-HMAC-SHA256 Credential=any/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
        'x-amz-date': '20260101T000000Z',
      },
      body: '{}',
    });

    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(read.status).toBe(403);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    expect(await read.text()).not.toContain('TableNames');
  });
});

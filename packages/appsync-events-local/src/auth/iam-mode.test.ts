import { describe, expect, it } from 'vitest';
import { authorizeIam, iamRequest, type IamPrincipal } from './iam-mode.ts';
import { signEventRequest } from './sign-event-request.ts';

const API = { apiId: 'abc123', accountId: '111122223333', region: 'us-east-1' };
const API_ARN = 'arn:aws:appsync:us-east-1:111122223333:apis/abc123';
const NOW = new Date('2026-03-01T12:00:00Z');

const publisher: IamPrincipal = {
  accessKeyId: 'ASIAPUBLISHER',
  secretAccessKey: 'publisher-secret',
  sessionToken: 'publisher-session',
  accountId: '111122223333',
  userArn: 'arn:aws:sts::111122223333:assumed-role/Publisher/local',
  username: 'AROAPUBLISHER:local',
  policies: [
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['appsync:EventConnect', 'appsync:EventPublish'], Resource: [API_ARN, `${API_ARN}/*`] },
        { Effect: 'Deny', Action: 'appsync:EventPublish', Resource: `${API_ARN}/channelNamespace/admin` },
      ],
    },
  ],
};

function signed(body: string, principal: IamPrincipal = publisher) {
  return signEventRequest({ url: 'https://local.test/event', body, credentials: principal, region: 'us-east-1', date: NOW });
}

describe('iamRequest', () => {
  it('asks about the API for a connect and the namespace for publish and subscribe', () => {
    expect(iamRequest(API, 'EVENT_CONNECT', undefined)).toEqual({ action: 'appsync:EventConnect', resource: API_ARN });
    expect(iamRequest(API, 'EVENT_PUBLISH', 'chat')).toEqual({ action: 'appsync:EventPublish', resource: `${API_ARN}/channelNamespace/chat` });
    expect(iamRequest(API, 'EVENT_SUBSCRIBE', 'chat')).toEqual({ action: 'appsync:EventSubscribe', resource: `${API_ARN}/channelNamespace/chat` });
  });
});

describe('authorizeIam', () => {
  it('admits a signed publish its policy allows, with the IAM identity', () => {
    const body = '{"channel":"/chat/a","events":["1"]}';

    const decision = authorizeIam({ headers: signed(body), signedBody: body, sourceIp: '10.1.2.3', operation: 'EVENT_PUBLISH', namespace: 'chat' }, API, [publisher], NOW);

    expect(decision).toEqual({
      ok: true,
      identity: {
        accountId: '111122223333',
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        sourceIp: ['10.1.2.3'],
        username: 'AROAPUBLISHER:local',
        userArn: 'arn:aws:sts::111122223333:assumed-role/Publisher/local',
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      },
    });
  });

  it('refuses a publish its policy explicitly denies', () => {
    const body = '{"channel":"/admin/a","events":["1"]}';

    const decision = authorizeIam({ headers: signed(body), signedBody: body, sourceIp: '10.1.2.3', operation: 'EVENT_PUBLISH', namespace: 'admin' }, API, [publisher], NOW);

    expect(decision).toEqual({
      ok: false,
      message: `arn:aws:sts::111122223333:assumed-role/Publisher/local is not authorized to perform appsync:EventPublish on resource ${API_ARN}/channelNamespace/admin with an explicit deny in an identity-based policy`,
    });
  });

  it('refuses a subscribe no policy allows', () => {
    const body = '{"channel":"/chat/a"}';

    const decision = authorizeIam({ headers: signed(body), signedBody: body, sourceIp: '10.1.2.3', operation: 'EVENT_SUBSCRIBE', namespace: 'chat' }, API, [publisher], NOW);

    expect(decision).toMatchObject({ ok: false, message: expect.stringContaining('appsync:EventSubscribe') });
  });

  it('refuses a bad signature before looking at policies', () => {
    const headers = signed('{}', { ...publisher, secretAccessKey: 'not-the-secret' });

    const decision = authorizeIam({ headers, signedBody: '{}', sourceIp: '10.1.2.3', operation: 'EVENT_CONNECT', namespace: undefined }, API, [publisher], NOW);

    expect(decision).toEqual({ ok: false, message: 'The request signature we calculated does not match the signature you provided' });
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ResolvedResource } from '../assembly/stack-resolver.ts';
import { createEventAuthorizer } from './event-authorizer.ts';
import { functionSessionCredentials, functionSessions } from './function-sessions.ts';
import { signEventRequest } from './sign-event-request.ts';

const LOOKUP = { region: 'us-east-1', accountId: '000000000000' };
const API_ARN = 'arn:aws:appsync:us-east-1:000000000000:apis/api1';
const NOW = new Date('2026-03-01T12:00:00Z');

function role(name: string, namespace: string): ResolvedResource {
  const statement = { Effect: 'Allow', Action: 'appsync:EventPublish', Resource: `${API_ARN}/channelNamespace/${namespace}` };
  return {
    stackPath: 'App',
    logicalId: `${name}Role`,
    type: 'AWS::IAM::Role',
    properties: { Policies: [{ PolicyName: 'events', PolicyDocument: { Version: '2012-10-17', Statement: [statement] } }] },
    physicalId: `App-${name}Role`,
  };
}

const RESOURCES = [role('Writer', 'chat'), role('Reader', 'audit')];
const roleArn = (name: string) => `arn:aws:iam::000000000000:role/${name}`;
const FUNCTIONS = [
  { name: 'writer', sessionName: 'App-Writer', roleArn: roleArn('App-WriterRole') },
  { name: 'also-writer', sessionName: 'App-AlsoWriter', roleArn: roleArn('App-WriterRole') },
  { name: 'reader', sessionName: 'App-Reader', roleArn: roleArn('App-ReaderRole') },
  { name: 'imported', sessionName: 'App-Imported', roleArn: 'arn:aws:iam::111122223333:role/service-role/elsewhere' },
];

// One run's sessions: the authorizer must know the secrets the functions got.
const SESSIONS = functionSessions(RESOURCES, FUNCTIONS, LOOKUP, randomBytes);

function publishAs(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, channel: string) {
  const authorizer = createEventAuthorizer({
    api: { apiId: 'api1', ...LOOKUP },
    eventConfig: { AuthProviders: [{ AuthType: 'AWS_IAM' }], ConnectionAuthModes: [{ AuthType: 'AWS_IAM' }], DefaultPublishAuthModes: [{ AuthType: 'AWS_IAM' }], DefaultSubscribeAuthModes: [{ AuthType: 'AWS_IAM' }] },
    namespaces: {},
    apiKeys: [],
    iamPrincipals: SESSIONS.principals,
    now: () => NOW,
  });
  const signedBody = JSON.stringify({ channel, events: ['"x"'] });
  const headers = signEventRequest({ url: 'https://local.test/event', body: signedBody, credentials, region: LOOKUP.region, date: NOW });
  return authorizer.authorize({ operation: 'EVENT_PUBLISH', channel, headers, signedBody, sourceIp: '127.0.0.1' });
}

describe('functionSessionCredentials', () => {
  it('derives the access key id from the role and the function, one per function', () => {
    const [writer, alsoWriter, reader] = FUNCTIONS.map((fn) => functionSessionCredentials(fn, randomBytes));

    expect(functionSessionCredentials(FUNCTIONS[0]!, randomBytes).accessKeyId).toBe(writer!.accessKeyId);
    expect(writer!.accessKeyId).toMatch(/^ASIAEVENTSLOCAL[A-Z2-7]{5}$/);
    expect(new Set([writer, alsoWriter, reader].map((credentials) => credentials!.accessKeyId)).size).toBe(3);
  });

  it('takes the secret and the session token from the random source, so the template does not give them away', () => {
    const sizes: number[] = [];
    const fixed = (size: number) => {
      sizes.push(size);
      return Buffer.alloc(size, sizes.length);
    };

    const drawn = functionSessionCredentials(FUNCTIONS[0]!, fixed);
    const [first, second] = [functionSessionCredentials(FUNCTIONS[0]!, randomBytes), functionSessionCredentials(FUNCTIONS[0]!, randomBytes)];

    expect(drawn).toMatchObject({ secretAccessKey: Buffer.alloc(30, 1).toString('base64'), sessionToken: `appsync-events-local/${Buffer.alloc(32, 2).toString('base64url')}` });
    expect(drawn.secretAccessKey).toHaveLength(40);
    expect(first!.secretAccessKey).not.toBe(second!.secretAccessKey);
    expect(first!.sessionToken).not.toBe(second!.sessionToken);
  });
});

describe('functionSessions', () => {
  it("admits a function's publish as its role's session, with that role's policies only", async () => {
    const { credentials } = SESSIONS;

    const writerOnChat = await publishAs(credentials.writer!, '/chat/a');
    const readerOnChat = await publishAs(credentials.reader!, '/chat/a');
    const readerOnAudit = await publishAs(credentials.reader!, '/audit/a');

    expect(writerOnChat).toMatchObject({
      ok: true,
      identity: { userArn: 'arn:aws:sts::000000000000:assumed-role/App-WriterRole/App-Writer', username: expect.stringMatching(/^AROA[0-9A-F]{17}:App-Writer$/) },
    });
    expect(readerOnChat.ok).toBe(false);
    expect(readerOnAudit).toMatchObject({ ok: true, identity: { userArn: 'arn:aws:sts::000000000000:assumed-role/App-ReaderRole/App-Reader' } });
  });

  it('gives two functions of one role sessions of their own', async () => {
    const { credentials } = SESSIONS;

    const decision = await publishAs(credentials['also-writer']!, '/chat/a');

    expect(decision).toMatchObject({ ok: true, identity: { userArn: 'arn:aws:sts::000000000000:assumed-role/App-WriterRole/App-AlsoWriter' } });
  });

  it('refuses a function whose role the template does not define: no policy of it is known', async () => {
    const { credentials, principals } = SESSIONS;

    const decision = await publishAs(credentials.imported!, '/chat/a');

    expect(principals.find((principal) => principal.accessKeyId === credentials.imported!.accessKeyId)).toMatchObject({
      userArn: 'arn:aws:sts::111122223333:assumed-role/elsewhere/App-Imported',
      policies: [],
    });
    expect(decision.ok).toBe(false);
  });

  it('refuses a session without its token', async () => {
    const { credentials } = SESSIONS;
    const { sessionToken: _dropped, ...withoutToken } = credentials.writer!;

    const decision = await publishAs(withoutToken, '/chat/a');

    expect(decision.ok).toBe(false);
  });
});

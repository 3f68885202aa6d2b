/**
 * Roles as CDK writes them (grants from the Event API, an explicit Deny, a customer managed
 * policy), read back with readCloudAssembly and evaluated by the IAM mode.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as iam from 'aws-cdk-lib/aws-iam';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudAssembly, readCloudAssembly } from '../assembly/read-cloud-assembly.ts';
import { EMULATED_RESOURCE_TYPES } from '../assembly/resource-types.ts';
import { eventApiAuthSettings } from './auth-from-assembly.ts';
import { createEventAuthorizer } from './event-authorizer.ts';
import { IAM_RESOURCE_TYPES, rolePolicies, rolePrincipal } from './role-policies.ts';
import { signEventRequest } from './sign-event-request.ts';

const scratch = mkdtempSync(join(tmpdir(), 'appsync-events-local-roles-'));
const ENV = { region: 'eu-west-1', accountId: '111122223333' };
const NOW = new Date('2026-03-01T12:00:00Z');
let assembly: CloudAssembly;

function synth(): string {
  const app = new App({ outdir: join(scratch, 'cdk.out') });
  const stack = new Stack(app, 'Roles', { env: { region: ENV.region, account: ENV.accountId } });
  const iamOnly = [appsync.AppSyncAuthorizationType.IAM];
  const api = new appsync.EventApi(stack, 'Api', {
    apiName: 'roles',
    authorizationConfig: {
      authProviders: [{ authorizationType: appsync.AppSyncAuthorizationType.IAM }],
      connectionAuthModeTypes: iamOnly,
      defaultPublishAuthModeTypes: iamOnly,
      defaultSubscribeAuthModeTypes: iamOnly,
    },
  });
  api.addChannelNamespace('chat');
  api.addChannelNamespace('audit');

  const publisher = new iam.Role(stack, 'Publisher', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  api.grantConnect(publisher);
  api.grantPublish(publisher);
  publisher.addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['appsync:EventPublish'], resources: [`${api.apiArn}/channelNamespace/audit`] }));

  const reader = new iam.Role(stack, 'Reader', { roleName: 'reader', assumedBy: new iam.AccountRootPrincipal() });
  reader.addManagedPolicy(
    new iam.ManagedPolicy(stack, 'ReadEvents', { statements: [new iam.PolicyStatement({ actions: ['appsync:EventConnect', 'appsync:EventSubscribe'], resources: [api.apiArn, `${api.apiArn}/*`] })] }),
  );
  reader.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
  return app.synth().directory;
}

beforeAll(async () => {
  assembly = await readCloudAssembly(synth(), { resourceTypes: [...EMULATED_RESOURCE_TYPES, ...IAM_RESOURCE_TYPES] });
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** CDK suffixes logical ids with a hash; the role's is looked up once. */
const publisherRole = () => assembly.resources.find((resource) => resource.type === 'AWS::IAM::Role' && resource.logicalId.startsWith('Publisher'))!.logicalId;

function authorizerFor(...principals: ReturnType<typeof rolePrincipal>[]) {
  const settings = eventApiAuthSettings(assembly.resources, ENV);
  return createEventAuthorizer({ ...settings, iamPrincipals: principals, now: () => NOW });
}

function signed(principal: ReturnType<typeof rolePrincipal>, operation: 'EVENT_CONNECT' | 'EVENT_PUBLISH' | 'EVENT_SUBSCRIBE', channel?: string) {
  const signedBody = operation === 'EVENT_CONNECT' ? '{}' : JSON.stringify(operation === 'EVENT_PUBLISH' ? { channel, events: ['"x"'] } : { channel });
  const headers = signEventRequest({ url: 'https://local.test/event', body: signedBody, credentials: principal, region: ENV.region, date: NOW });
  return { operation, channel, headers, signedBody, sourceIp: '127.0.0.1' };
}

describe('rolePolicies', () => {
  it("collects a role's grants from the template, its inline Deny included", () => {
    const policies = rolePolicies(assembly.resources, { role: publisherRole(), ...ENV });
    const actions = policies.flatMap((policy) => [policy.Statement].flat()).map((statement) => [statement.Effect, statement.Action].flat().join(' '));

    expect(actions).toEqual(expect.arrayContaining(['Allow appsync:EventConnect', 'Allow appsync:EventPublish', 'Deny appsync:EventPublish']));
  });

  it('refuses a role the assembly does not have', () => {
    expect(() => rolePolicies(assembly.resources, { role: 'Nobody', ...ENV })).toThrow('No AWS::IAM::Role Nobody');
  });
});

describe('rolePrincipal', () => {
  const credentials = { accessKeyId: 'ASIAPUBLISHER', secretAccessKey: 'publisher-secret', sessionToken: 'publisher-token' };

  it('admits what the grants allow, with the role session as the IAM identity', async () => {
    const publisher = rolePrincipal(assembly.resources, { role: publisherRole(), ...ENV, credentials, sessionName: 'publish-fn' });
    const events = authorizerFor(publisher);

    const connected = await events.authorize(signed(publisher, 'EVENT_CONNECT'));
    const published = await events.authorize(signed(publisher, 'EVENT_PUBLISH', '/chat/room'));

    expect(connected.ok).toBe(true);
    expect(published).toMatchObject({
      ok: true,
      authType: 'AWS_IAM',
      identity: { accountId: '111122223333', userArn: expect.stringMatching(/^arn:aws:sts::111122223333:assumed-role\/.+\/publish-fn$/), username: expect.stringMatching(/^AROA[0-9A-F]{17}:publish-fn$/) },
    });
  });

  it('refuses what the explicit Deny covers, and what no grant allows', async () => {
    const publisher = rolePrincipal(assembly.resources, { role: publisherRole(), ...ENV, credentials, sessionName: 'publish-fn' });
    const events = authorizerFor(publisher);

    const denied = await events.authorize(signed(publisher, 'EVENT_PUBLISH', '/audit/log'));
    const ungranted = await events.authorize(signed(publisher, 'EVENT_SUBSCRIBE', '/chat/room'));

    expect(denied).toMatchObject({ ok: false, message: expect.stringContaining('with an explicit deny') });
    expect(ungranted).toMatchObject({ ok: false, message: expect.stringContaining('because no identity-based policy allows it') });
  });

  it('reads customer managed policies attached by ARN, while AWS managed ones grant nothing locally', async () => {
    const reader = rolePrincipal(assembly.resources, { role: 'reader', ...ENV, credentials: { accessKeyId: 'AKIDREADER', secretAccessKey: 'reader-secret' }, sessionName: 'tests' });
    const events = authorizerFor(reader);

    const subscribed = await events.authorize(signed(reader, 'EVENT_SUBSCRIBE', '/audit/log'));
    const published = await events.authorize(signed(reader, 'EVENT_PUBLISH', '/chat/room'));

    expect(subscribed).toMatchObject({ ok: true, identity: { userArn: 'arn:aws:sts::111122223333:assumed-role/reader/tests' } });
    expect(published.ok).toBe(false);
  });
});

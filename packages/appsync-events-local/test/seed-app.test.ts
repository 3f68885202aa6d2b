/**
 * The seed fixture as the emulator reads it: the user pool and its app client, the Event API's
 * user pool auth for every operation, and a namespace with no handler code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudAssembly, createEventAuthorizer, eventApiAuthSettings, readCloudAssembly, readLocalBackend } from '../src/index.ts';
import { buildSeedApp, SEED_API_NAME, SEED_NAMESPACE } from './fixtures/seed-app.ts';
import { removeSynthesizedFixtures, synthFixture } from './fixtures/synth-fixture.ts';

let assembly: CloudAssembly;
let cdkOut: string;

beforeAll(async () => {
  cdkOut = await synthFixture('seed', buildSeedApp);
  assembly = await readCloudAssembly(cdkOut);
});

afterAll(removeSynthesizedFixtures);

const ofType = (type: string) => assembly.resources.filter((resource) => resource.type === type);

describe('the seed fixture app', () => {
  it('has one user pool with a client for SRP, password and refresh-token sign-in', () => {
    const [pool] = ofType('AWS::Cognito::UserPool');
    const clients = ofType('AWS::Cognito::UserPoolClient');

    expect(ofType('AWS::Cognito::UserPool')).toHaveLength(1);
    expect(clients).toHaveLength(1);
    expect(clients[0]!.properties.UserPoolId).toBe(pool!.physicalId);
    expect(clients[0]!.properties.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
    );
  });

  it('lets users write the standard attributes, as Cognito does for a client without WriteAttributes', async () => {
    const [client] = ofType('AWS::Cognito::UserPoolClient');
    const backend = await readLocalBackend(cdkOut);

    expect(client!.properties.WriteAttributes).toBeUndefined();
    expect(backend.userPool?.writeAttributes).toEqual(expect.arrayContaining(['name', 'email', 'preferred_username', 'phone_number']));
    expect(backend.userPool?.writeAttributes).not.toContain('email_verified');
  });

  it('has an Event API named events whose connect, publish and subscribe take the pool tokens', () => {
    const [pool] = ofType('AWS::Cognito::UserPool');
    const [api] = ofType('AWS::AppSync::Api');

    const settings = eventApiAuthSettings(assembly.resources, { region: 'us-east-1', accountId: '000000000000' });

    expect(api!.properties.Name).toBe(SEED_API_NAME);
    expect(settings.eventConfig).toEqual({
      AuthProviders: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS', CognitoConfig: { UserPoolId: pool!.physicalId, AwsRegion: 'us-east-1' } }],
      ConnectionAuthModes: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS' }],
      DefaultPublishAuthModes: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS' }],
      DefaultSubscribeAuthModes: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS' }],
    });
    expect(settings.apiKeys).toEqual([]);
  });

  it('has one namespace, default, with no handler code and no auth overrides', () => {
    const namespaces = ofType('AWS::AppSync::ChannelNamespace');
    const [api] = ofType('AWS::AppSync::Api');

    const settings = eventApiAuthSettings(assembly.resources, { region: 'us-east-1', accountId: '000000000000' });
    const authorizer = createEventAuthorizer({ ...settings, userPools: {} });

    expect(namespaces).toHaveLength(1);
    expect(namespaces[0]!.properties).toEqual({ ApiId: api!.physicalId, Name: SEED_NAMESPACE });
    expect(settings.namespaces).toEqual({ [SEED_NAMESPACE]: { PublishAuthModes: undefined, SubscribeAuthModes: undefined } });
    expect(authorizer.modesFor('EVENT_PUBLISH', `/${SEED_NAMESPACE}/channel`)).toEqual(['AMAZON_COGNITO_USER_POOLS']);
    expect(authorizer.modesFor('EVENT_SUBSCRIBE', `/${SEED_NAMESPACE}/*`)).toEqual(['AMAZON_COGNITO_USER_POOLS']);
  });
});

/**
 * The api-key fixture as the emulator reads it: the key, the table behind the data source (its
 * name resolved, its role allowed to write), and the namespace's inline handlers, which must pass
 * the APPSYNC_JS checks and call that data source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkAppSyncJs,
  type CloudAssembly,
  createEventAuthorizer,
  EMULATED_RESOURCE_TYPES,
  evaluatePolicies,
  eventApiAuthSettings,
  IAM_RESOURCE_TYPES,
  localApiKeyValue,
  readCloudAssembly,
  rolePolicies,
} from '../src/index.ts';
import { API_KEY_DATA_SOURCE, API_KEY_HANDLERS, API_KEY_NAMESPACE, buildApiKeyApp } from './fixtures/api-key-app.ts';
import { removeSynthesizedFixtures, synthFixture } from './fixtures/synth-fixture.ts';

const location = { region: 'us-east-1', accountId: '000000000000' };
let assembly: CloudAssembly;

beforeAll(async () => {
  assembly = await readCloudAssembly(await synthFixture('api-key', buildApiKeyApp), { resourceTypes: [...EMULATED_RESOURCE_TYPES, ...IAM_RESOURCE_TYPES] });
});

afterAll(removeSynthesizedFixtures);

const only = (type: string) => {
  const found = assembly.resources.filter((resource) => resource.type === type);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('the api-key fixture app', () => {
  it('admits its API key, and only that key, for every operation', async () => {
    const key = only('AWS::AppSync::ApiKey');
    const settings = eventApiAuthSettings(assembly.resources, location);
    const authorizer = createEventAuthorizer(settings);
    const request = (apiKey: string) => ({ headers: { 'x-api-key': apiKey }, signedBody: '{}', sourceIp: '127.0.0.1' });

    const accepted = await authorizer.authorize({ operation: 'EVENT_CONNECT', ...request(localApiKeyValue(key)) });
    const published = await authorizer.authorize({ operation: 'EVENT_PUBLISH', channel: `/${API_KEY_NAMESPACE}/a`, ...request(localApiKeyValue(key)) });
    const refused = await authorizer.authorize({ operation: 'EVENT_CONNECT', ...request('da2-notthefixtureskey0000000') });

    expect(settings.apiKeys).toEqual([{ key: localApiKeyValue(key) }]);
    expect(accepted).toEqual({ ok: true, authType: 'API_KEY', identity: null });
    expect(published).toEqual({ ok: true, authType: 'API_KEY', identity: null });
    expect(refused.ok).toBe(false);
  });

  it("has a DynamoDB data source on the fixture's table, whose role may put items in it", () => {
    const table = only('AWS::DynamoDB::Table');
    const dataSource = only('AWS::AppSync::DataSource');
    const role = only('AWS::IAM::Role');
    const tableArn = `arn:aws:dynamodb:us-east-1:000000000000:table/${table.physicalId}`;

    const policies = rolePolicies(assembly.resources, { role: role.logicalId, ...location });

    expect(table.properties.KeySchema).toEqual([
      { AttributeName: 'channel', KeyType: 'HASH' },
      { AttributeName: 'id', KeyType: 'RANGE' },
    ]);
    expect(dataSource.properties).toMatchObject({
      Name: API_KEY_DATA_SOURCE,
      Type: 'AMAZON_DYNAMODB',
      DynamoDBConfig: { TableName: table.physicalId, AwsRegion: 'us-east-1' },
      ServiceRoleArn: expect.stringMatching(/^arn:aws:iam::000000000000:role\//),
    });
    expect(evaluatePolicies(policies, 'dynamodb:PutItem', tableArn)).toBe('allow');
    expect(evaluatePolicies(policies, 'dynamodb:DeleteTable', tableArn)).not.toBe('allow');
  });

  it('has a namespace whose inline handlers pass the APPSYNC_JS checks and call the data source on publish', () => {
    const namespace = only('AWS::AppSync::ChannelNamespace');

    const findings = checkAppSyncJs(String(namespace.properties.CodeHandlers), 'ns.js');

    expect(namespace.properties).toMatchObject({
      Name: API_KEY_NAMESPACE,
      CodeHandlers: API_KEY_HANDLERS,
      HandlerConfigs: { OnPublish: { Behavior: 'CODE', Integration: { DataSourceName: API_KEY_DATA_SOURCE } } },
    });
    expect(namespace.properties.CodeS3Location).toBeUndefined();
    expect(findings).toEqual([]);
  });
});

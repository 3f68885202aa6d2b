/**
 * The emulator package reads what deploys: Parley's full synth (cdk.out, shared with the other
 * infra files), read with `appsync-events-local` and compared with the backend's definition.
 * Every part the local cloud serves must be found, resolved to local values, with its code staged
 * in the assembly.
 */
import { type AssemblyResource, type AttributeProvider, type CloudAssembly, readCloudAssembly } from 'appsync-events-local';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventApi, functionNames, functionSettings, LAMBDA_RUNTIME, routes, tables, userGroups } from './definition.ts';
import { fullSynth } from './test-support/full-synth.ts';

const LOCAL_ENDPOINT = 'localhost:4000';

/** The local values an emulator would give: its own endpoint, and function ARNs it can route. */
const attributes: AttributeProvider = {
  attribute: (resource, name) => {
    if (resource.type === 'AWS::AppSync::Api' && name.startsWith('Dns.')) return LOCAL_ENDPOINT;
    if (resource.type === 'AWS::Lambda::Function' && name === 'Arn') return `local:function:${resource.physicalId}`;
    return undefined;
  },
};

let assembly: CloudAssembly;
let everything: CloudAssembly;

beforeAll(async () => {
  const directory = await fullSynth();
  assembly = await readCloudAssembly(directory, { attributes });
  everything = await readCloudAssembly(directory, { attributes, resourceTypes: 'all' });
}, 180_000);

const ofType = (type: string): AssemblyResource[] => assembly.resources.filter((resource) => resource.type === type);
const named = (type: string, name: string): AssemblyResource | undefined => ofType(type).find((resource) => resource.properties.Name === name);
const one = (type: string): AssemblyResource => {
  const [resource, ...others] = ofType(type);
  expect(others, type).toEqual([]);
  return resource!;
};
const fn = (name: string): AssemblyResource | undefined =>
  ofType('AWS::Lambda::Function').find((resource) => (resource.properties.Environment as { Variables?: Record<string, string> } | undefined)?.Variables?.POWERTOOLS_SERVICE_NAME === name);

/** Any `Ref` or `Fn::*` left in a resolved value. */
function intrinsicsIn(value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => intrinsicsIn(item, `${path}.${index}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(key === 'Ref' || key.startsWith('Fn::') ? [`${path}.${key}`] : []),
    ...intrinsicsIn(item, `${path}.${key}`),
  ]);
}

describe('the Event API', () => {
  it('is found with the auth the definition gives it, on the user pool of the auth stack', () => {
    const api = one('AWS::AppSync::Api');
    const pool = one('AWS::Cognito::UserPool');

    expect(api.properties.Name).toBe(eventApi.apiName);
    expect(api.properties.EventConfig).toMatchObject({
      AuthProviders: eventApi.authProviders.map((authType) =>
        authType === 'AMAZON_COGNITO_USER_POOLS'
          ? { AuthType: authType, CognitoConfig: { AwsRegion: 'us-east-1', UserPoolId: pool.physicalId } }
          : { AuthType: authType },
      ),
      ConnectionAuthModes: eventApi.connectionAuthModes.map((authType) => ({ AuthType: authType })),
      DefaultPublishAuthModes: eventApi.defaultPublishAuthModes.map((authType) => ({ AuthType: authType })),
      DefaultSubscribeAuthModes: eventApi.defaultSubscribeAuthModes.map((authType) => ({ AuthType: authType })),
    });
    expect(pool.stackPath).not.toBe(api.stackPath);
  });

  it.each(eventApi.namespaces.map((namespace) => [namespace.name, namespace] as const))(
    'has the %s namespace with its handlers, and its code staged as a file in the assembly',
    (_name, namespace) => {
      const resource = named('AWS::AppSync::ChannelNamespace', namespace.name);

      expect(resource?.properties).toMatchObject({
        ApiId: one('AWS::AppSync::Api').physicalId,
        CodeS3Location: expect.stringMatching(/^s3:\/\/cdk-hnb659fds-assets-000000000000-us-east-1\/[0-9a-f]{64}\.mjs$/),
        HandlerConfigs: {
          OnPublish: { Behavior: 'CODE', Integration: { DataSourceName: namespace.onPublish?.dataSource } },
          OnSubscribe: { Behavior: 'CODE', Integration: { DataSourceName: namespace.onSubscribe?.dataSource } },
        },
        PublishAuthModes: namespace.publishAuthModes.map((authType) => ({ AuthType: authType })),
        SubscribeAuthModes: namespace.subscribeAuthModes.map((authType) => ({ AuthType: authType })),
      });
      expect(resource?.assetPackaging).toBe('file');
      expect(statSync(resource!.assetPath!).isFile()).toBe(true);
    },
  );

  it('has each data source, on the function or table it names', () => {
    const table = one('AWS::DynamoDB::GlobalTable');

    for (const source of eventApi.dataSources) {
      const resource = named('AWS::AppSync::DataSource', source.name);
      if (source.kind === 'AWS_LAMBDA') {
        expect(resource?.properties, source.name).toMatchObject({ Type: 'AWS_LAMBDA', LambdaConfig: { LambdaFunctionArn: `local:function:${fn(source.functionName)?.physicalId}` } });
      } else {
        expect(resource?.properties, source.name).toMatchObject({ Type: 'AMAZON_DYNAMODB', DynamoDBConfig: { TableName: table.physicalId, AwsRegion: 'us-east-1' } });
      }
    }
    expect(ofType('AWS::AppSync::DataSource')).toHaveLength(eventApi.dataSources.length);
  });
});

describe('the functions', () => {
  it.each(functionNames.map((name) => [name]))('has %s with its settings, environment and bundled code folder', (name) => {
    const resource = fn(name);
    const folder = resource?.assetPath ?? '';
    const settings = functionSettings[name];

    expect(resource?.properties).toMatchObject({
      Handler: 'index.handler',
      Runtime: LAMBDA_RUNTIME.name,
      Timeout: settings.timeoutSeconds,
      MemorySize: settings.memoryMb,
    });
    expect(resource?.assetPackaging).toBe('zip');
    expect(folder.startsWith(assembly.directory)).toBe(true);
    expect(existsSync(join(folder, 'index.mjs'))).toBe(true);
    const variables = (resource?.properties.Environment as { Variables: Record<string, unknown> }).Variables;
    for (const [variable, value] of Object.entries(variables)) expect(typeof value, `${name} ${variable}`).toBe('string');
  });

  it('gives the functions that use the table its local name', () => {
    const table = one('AWS::DynamoDB::GlobalTable');
    const withTable = ofType('AWS::Lambda::Function').filter((resource) => JSON.stringify(resource.properties).includes('"TABLE_NAME"'));

    expect(withTable.length).toBeGreaterThanOrEqual(5);
    for (const resource of withTable) {
      expect((resource.properties.Environment as { Variables: Record<string, string> }).Variables.TABLE_NAME).toBe(table.physicalId);
    }
  });
});

describe('the user pool', () => {
  it('has its client, its groups and its triggers on the functions', () => {
    const pool = one('AWS::Cognito::UserPool');

    expect(one('AWS::Cognito::UserPoolClient').properties.UserPoolId).toBe(pool.physicalId);
    expect(ofType('AWS::Cognito::UserPoolGroup').map((group) => [group.properties.GroupName, group.properties.UserPoolId])).toEqual(
      userGroups.map((group) => [group, pool.physicalId]),
    );
    expect(pool.properties.LambdaConfig).toMatchObject({
      PreSignUp: `local:function:${fn('pre-sign-up')?.physicalId}`,
      PreTokenGenerationConfig: { LambdaArn: `local:function:${fn('pre-token-generation')?.physicalId}` },
    });
  });
});

describe('the table', () => {
  it('has the keys, indexes and TTL of the definition', () => {
    const [definition] = tables;
    const table = one('AWS::DynamoDB::GlobalTable');

    expect(table.properties).toMatchObject({
      KeySchema: [
        { AttributeName: definition!.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: definition!.sortKey.name, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: definition!.globalSecondaryIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [{ AttributeName: index.partitionKey.name, KeyType: 'HASH' }, { AttributeName: index.sortKey.name, KeyType: 'RANGE' }],
        Projection: { ProjectionType: index.projection },
      })),
      TimeToLiveSpecification: { AttributeName: definition!.timeToLiveAttribute, Enabled: true },
    });
  });
});

describe('the HTTP API', () => {
  it('has every route of the definition behind the JWT authorizer, each on its function', () => {
    const api = one('AWS::ApiGatewayV2::Api');
    const authorizer = one('AWS::ApiGatewayV2::Authorizer');
    const integrations = new Map(ofType('AWS::ApiGatewayV2::Integration').map((integration) => [`integrations/${integration.physicalId}`, integration]));

    const found = ofType('AWS::ApiGatewayV2::Route').map((route) => {
      expect(route.properties).toMatchObject({ ApiId: api.physicalId, AuthorizationType: 'JWT', AuthorizerId: authorizer.physicalId });
      const integration = integrations.get(route.properties.Target as string);
      return { key: route.properties.RouteKey, uri: integration?.properties.IntegrationUri };
    });

    expect(found.sort((a, b) => String(a.key).localeCompare(String(b.key)))).toEqual(
      routes
        .map((route) => ({ key: `${route.method} ${route.path}`, uri: `local:function:${fn(route.functionName)?.physicalId}` }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    );
  });

  it('checks tokens of the user pool and its client', () => {
    const pool = one('AWS::Cognito::UserPool');
    const client = one('AWS::Cognito::UserPoolClient');

    expect(one('AWS::ApiGatewayV2::Authorizer').properties).toMatchObject({
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: `https://cognito-idp.us-east-1.amazonaws.com/${pool.physicalId}`, Audience: [client.physicalId] },
    });
  });
});

describe('what is left', () => {
  it('is nothing unresolved, in any resource of any type or any output', () => {
    const left = [
      ...everything.resources.flatMap((resource) => intrinsicsIn(resource.properties, `${resource.stackPath}/${resource.logicalId}`)),
      ...Object.entries(everything.outputs).flatMap(([stack, outputs]) => intrinsicsIn(outputs, stack)),
    ];

    const ignored = Object.values(assembly.ignored).reduce((sum, count) => sum + count, 0);
    expect(everything.resources).toHaveLength(assembly.resources.length + ignored);
    expect(left).toEqual([]);
  });

  it('gives Amplify\'s outputs the local endpoint of the Event API', () => {
    const [root] = assembly.stacks;
    const custom = JSON.parse(assembly.outputs[root!.path]!.customOutputs as string) as { custom: { events: { url: string } } };

    expect(custom.custom.events.url).toBe(`https://${LOCAL_ENDPOINT}/event`);
  });
});

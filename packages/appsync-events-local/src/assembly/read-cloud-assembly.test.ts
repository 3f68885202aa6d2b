/**
 * A CDK app with what an Event API project deploys, synthesized to a temporary cdk.out and read
 * back: the reader must see what CDK wrote, nested stack and staged assets included.
 */
import { App, CfnOutput, CfnParameter, Duration, NestedStack, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AssemblyResource, type CloudAssembly, readCloudAssembly } from './read-cloud-assembly.ts';

const scratch = mkdtempSync(join(tmpdir(), 'appsync-events-local-assembly-'));
const code = join(scratch, 'code');
const HANDLER_SOURCE = 'export const handler = async () => "published";\n';

const AUTH = [{ authType: 'AMAZON_COGNITO_USER_POOLS' }];

/** Synthesizes the fixture app into `outdir` and returns the assembly's directory. */
function synthFixture(outdir: string, context: Record<string, unknown> = {}): string {
  const app = new App({ outdir, context });
  const stack = new Stack(app, 'Fixture');
  const pool = new cognito.UserPool(stack, 'Users');
  pool.addClient('Web');
  new cognito.CfnUserPoolGroup(stack, 'Moderators', { userPoolId: pool.userPoolId, groupName: 'moderators' });
  const api = new appsync.CfnApi(stack, 'Api', {
    name: 'events',
    eventConfig: {
      authProviders: [{ authType: 'AMAZON_COGNITO_USER_POOLS', cognitoConfig: { awsRegion: stack.region, userPoolId: pool.userPoolId } }],
      connectionAuthModes: AUTH,
      defaultPublishAuthModes: AUTH,
      defaultSubscribeAuthModes: AUTH,
    },
  });
  new appsync.CfnChannelNamespace(stack, 'DefaultNamespace', { apiId: api.attrApiId, name: 'default' });

  // The nested stack's parameter is the parent's stack name: resolved in the parent's scope.
  const data = new NestedStack(stack, 'Data', { parameters: { Prefix: stack.stackName } });
  const prefix = new CfnParameter(data, 'Prefix', { type: 'String' });
  const table = new dynamodb.Table(data, 'Messages', {
    tableName: `${prefix.valueAsString}-messages`,
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
    timeToLiveAttribute: 'expiresAt',
  });

  // The table's name reaches the function through an output of the nested stack that CDK adds.
  const publish = new lambda.Function(stack, 'Publish', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(code),
    timeout: Duration.seconds(7),
    memorySize: 256,
    environment: { TABLE_NAME: table.tableName, API_URL: `https://${api.attrDnsHttp}/event`, USER_POOL_ID: pool.userPoolId },
  });
  table.grantReadWriteData(publish);
  new CfnOutput(stack, 'RealtimeUrl', { value: `wss://${api.attrDnsRealtime}/event/realtime` });
  return app.synth().directory;
}

const only = (assembly: CloudAssembly, type: string): AssemblyResource[] => assembly.resources.filter((resource) => resource.type === type);

let directory: string;
let assembly: CloudAssembly;

beforeAll(async () => {
  mkdirSync(code);
  writeFileSync(join(code, 'index.mjs'), HANDLER_SOURCE);
  directory = synthFixture(join(scratch, 'cdk.out'));
  assembly = await readCloudAssembly(directory);
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a synthesized CDK app', () => {
  it('lists the stack and its nested stack', () => {
    const [root, nested] = assembly.stacks;

    expect(assembly.stacks).toHaveLength(2);
    expect(root).toEqual({ path: 'Fixture', name: 'Fixture', parent: undefined, dependencies: [] });
    expect(nested).toMatchObject({ path: expect.stringMatching(/^Fixture\/Data/), parent: 'Fixture' });
  });

  it('resolves the Event API with the user pool it authorizes with', () => {
    const [api] = only(assembly, 'AWS::AppSync::Api');
    const [pool] = only(assembly, 'AWS::Cognito::UserPool');

    expect(api?.properties).toMatchObject({
      Name: 'events',
      EventConfig: {
        AuthProviders: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS', CognitoConfig: { AwsRegion: 'us-east-1', UserPoolId: pool!.physicalId } }],
        DefaultSubscribeAuthModes: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS' }],
      },
    });
  });

  it('resolves the channel namespace without code onto its API', () => {
    const [api] = only(assembly, 'AWS::AppSync::Api');
    const [namespace] = only(assembly, 'AWS::AppSync::ChannelNamespace');

    expect(namespace?.properties).toEqual({ ApiId: api!.physicalId, Name: 'default' });
    expect(namespace?.assetPath).toBeUndefined();
  });

  it('resolves the user pool client and group onto the pool', () => {
    const [pool] = only(assembly, 'AWS::Cognito::UserPool');

    expect(only(assembly, 'AWS::Cognito::UserPoolClient').map((client) => client.properties.UserPoolId)).toEqual([pool!.physicalId]);
    expect(only(assembly, 'AWS::Cognito::UserPoolGroup').map((group) => group.properties)).toEqual([{ UserPoolId: pool!.physicalId, GroupName: 'moderators' }]);
  });

  it('resolves the table in the nested stack, named from the parameter the parent passed', () => {
    const [table] = only(assembly, 'AWS::DynamoDB::Table');

    expect(table).toMatchObject({ stackPath: assembly.stacks[1]!.path, physicalId: 'Fixture-messages' });
    expect(table?.properties).toMatchObject({
      TableName: 'Fixture-messages',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    expect(assembly.parameters[assembly.stacks[1]!.path]).toEqual({ Prefix: 'Fixture' });
  });

  it('gives the function its settings, the nested stack\'s output in its environment, and its staged code folder', () => {
    const [fn] = only(assembly, 'AWS::Lambda::Function');
    const [api] = only(assembly, 'AWS::AppSync::Api');
    const [pool] = only(assembly, 'AWS::Cognito::UserPool');

    expect(fn?.properties).toMatchObject({
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      Timeout: 7,
      MemorySize: 256,
      Environment: {
        Variables: {
          TABLE_NAME: 'Fixture-messages',
          API_URL: `https://${api!.physicalId}.appsync-api.us-east-1.amazonaws.com/event`,
          USER_POOL_ID: pool!.physicalId,
        },
      },
    });
    expect(fn?.assetPackaging).toBe('zip');
    expect(fn?.assetPath?.startsWith(directory)).toBe(true);
    expect(statSync(fn!.assetPath!).isDirectory()).toBe(true);
    expect(readFileSync(join(fn!.assetPath!, 'index.mjs'), 'utf8')).toBe(HANDLER_SOURCE);
  });

  it('resolves the stack outputs, and counts what it did not resolve', () => {
    const [api] = only(assembly, 'AWS::AppSync::Api');

    expect(assembly.outputs.Fixture).toMatchObject({ RealtimeUrl: `wss://${api!.physicalId}.appsync-realtime-api.us-east-1.amazonaws.com/event/realtime` });
    expect(assembly.ignored).toMatchObject({ 'AWS::IAM::Role': 1, 'AWS::IAM::Policy': 1 });
  });

  it('puts the caller\'s local values where the template reads the attributes', async () => {
    const local = await readCloudAssembly(directory, {
      region: 'eu-central-1',
      attributes: {
        physicalId: (resource) => (resource.type === 'AWS::Cognito::UserPool' ? 'local_pool' : undefined),
        attribute: (resource, name) => (resource.type === 'AWS::AppSync::Api' && name.startsWith('Dns.') ? 'localhost:4000' : undefined),
      },
    });

    expect(local.outputs.Fixture).toMatchObject({ RealtimeUrl: 'wss://localhost:4000/event/realtime' });
    expect(only(local, 'AWS::Lambda::Function')[0]?.properties.Environment).toEqual({
      Variables: { TABLE_NAME: 'Fixture-messages', API_URL: 'https://localhost:4000/event', USER_POOL_ID: 'local_pool' },
    });
    expect(only(local, 'AWS::AppSync::Api')[0]?.properties).toMatchObject({ EventConfig: { AuthProviders: [{ CognitoConfig: { AwsRegion: 'eu-central-1' } }] } });
  });
});

describe('finding a nested stack\'s template', () => {
  const parentTemplate = (dir: string): string => join(dir, 'Fixture.template.json');

  it('follows the TemplateURL to the asset CDK published it as', () => {
    const template = JSON.parse(readFileSync(parentTemplate(directory), 'utf8')) as { Resources: Record<string, { Type: string; Metadata?: object }> };
    const nested = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::CloudFormation::Stack');

    expect(nested?.Metadata).toBeUndefined();
    expect(only(assembly, 'AWS::DynamoDB::Table')).toHaveLength(1);
  });

  it('follows the aws:asset:path metadata the CDK CLI asks for, even when the TemplateURL leads nowhere', async () => {
    const withMetadata = synthFixture(join(scratch, 'cdk.out.metadata'), { 'aws:cdk:enable-asset-metadata': true });
    const text = readFileSync(parentTemplate(withMetadata), 'utf8');
    writeFileSync(parentTemplate(withMetadata), text.replace(/[0-9a-f]{64}\.json/g, 'gone.json'));

    const read = await readCloudAssembly(withMetadata);

    expect(text).toContain('"aws:asset:path"');
    expect(only(read, 'AWS::DynamoDB::Table').map((table) => table.physicalId)).toEqual(['Fixture-messages']);
  });

  it('names the nested stack whose template is missing', async () => {
    const broken = synthFixture(join(scratch, 'cdk.out.broken'));
    const nestedFile = JSON.parse(readFileSync(join(broken, 'Fixture.assets.json'), 'utf8')) as { files: Record<string, { source: { path: string } }> };
    const nestedPath = Object.values(nestedFile.files).map((file) => file.source.path).find((path) => path.endsWith('.nested.template.json'));
    rmSync(join(broken, nestedPath!));

    await expect(readCloudAssembly(broken)).rejects.toThrow(/^stack Fixture, DataNestedStack\w+, at Properties\.TemplateURL: the nested stack's template is not in the assembly/);
    expect(existsSync(join(broken, 'manifest.json'))).toBe(true);
  });
});

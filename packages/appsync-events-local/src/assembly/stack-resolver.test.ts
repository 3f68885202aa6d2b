import { describe, expect, it } from 'vitest';
import type { AttributeProvider } from './attributes.ts';
import { type ResolvedStack, resolveStack } from './stack-resolver.ts';
import type { CfnTemplate } from './template.ts';

interface Setup {
  parameters?: Record<string, unknown>;
  nested?: Record<string, CfnTemplate>;
  attributes?: AttributeProvider;
}

function resolve(template: CfnTemplate, setup: Setup = {}): ResolvedStack {
  return resolveStack(
    { path: 'Root', name: 'root', template, parameters: setup.parameters ?? {} },
    {
      region: 'eu-west-1',
      accountId: '123456789012',
      attributes: setup.attributes,
      includes: () => true,
      nestedTemplate: (_parent, logicalId) => setup.nested?.[logicalId] ?? {},
    },
  );
}

/** A template with one resource whose property `Value` is the expression under test. */
const probe = (value: unknown, rest: CfnTemplate = {}): CfnTemplate => ({
  ...rest,
  Resources: { ...rest.Resources, Probe: { Type: 'Test::Probe', Properties: { Value: value } } },
});

const valueOf = (stack: ResolvedStack, logicalId = 'Probe'): unknown =>
  stack.resources.find((resource) => resource.logicalId === logicalId)?.properties.Value;

const table: CfnTemplate = { Resources: { Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'rooms' } } } };

describe('Ref', () => {
  it('gives pseudo parameters their local values', () => {
    const refs = ['AWS::Region', 'AWS::AccountId', 'AWS::StackName', 'AWS::Partition', 'AWS::URLSuffix'].map((name) => ({ Ref: name }));

    const stack = resolve(probe(refs));

    expect(valueOf(stack)).toEqual(['eu-west-1', '123456789012', 'root', 'aws', 'amazonaws.com']);
  });

  it('gives a parameter its given value, else its default, and splits list parameters', () => {
    const template = probe([{ Ref: 'Given' }, { Ref: 'Defaulted' }, { Ref: 'Zones' }], {
      Parameters: { Given: { Type: 'String', Default: 'no' }, Defaulted: { Type: 'Number', Default: 5 }, Zones: { Type: 'CommaDelimitedList' } },
    });

    const stack = resolve(template, { parameters: { Given: 'yes', Zones: 'a,b' } });

    expect(valueOf(stack)).toEqual(['yes', '5', ['a', 'b']]);
    expect(stack.parameters).toEqual({ Given: 'yes', Defaulted: '5', Zones: ['a', 'b'] });
  });

  it('names a parameter with no value, and the resource and path that needed it', () => {
    const template = probe({ Ref: 'Missing' }, { Parameters: { Missing: { Type: 'String' } } });

    expect(() => resolve(template)).toThrow('stack Root, Probe, at Properties.Value.Ref: parameter Missing has no value');
  });

  it('gives a resource its physical id: the name the template gives it, or one derived from its logical id', () => {
    const template = probe([{ Ref: 'Table' }, { Ref: 'Fn' }], {
      Resources: { ...table.Resources, Fn: { Type: 'AWS::Lambda::Function', Properties: {} } },
    });

    const stack = resolve(template);

    expect(valueOf(stack)).toEqual(['rooms', 'root-Fn']);
  });

  it('takes the caller\'s physical ids over the defaults', () => {
    const attributes: AttributeProvider = { physicalId: (r) => (r.type === 'AWS::DynamoDB::Table' ? `local-${r.name ?? r.logicalId}` : undefined) };

    const stack = resolve(probe({ 'Fn::GetAtt': ['Table', 'Arn'] }, table), { attributes });

    expect(valueOf(stack)).toBe('arn:aws:dynamodb:eu-west-1:123456789012:table/local-rooms');
  });

  it('removes a property or list element that is AWS::NoValue', () => {
    const stack = resolve(probe({ Keep: 1, Drop: { Ref: 'AWS::NoValue' }, List: ['a', { Ref: 'AWS::NoValue' }, 'b'] }));

    expect(valueOf(stack)).toEqual({ Keep: 1, List: ['a', 'b'] });
  });

  it('refuses a name that is nothing in the stack', () => {
    expect(() => resolve(probe({ Ref: 'Nowhere' }))).toThrow('no resource, parameter or pseudo parameter named Nowhere');
  });
});

describe('Fn::GetAtt', () => {
  const api = { Api: { Type: 'AWS::AppSync::Api', Properties: { Name: 'events' } } };

  it('gives the attributes an Event API, a table, a user pool, a function and a role are read for', () => {
    const template = probe(
      {
        apiId: { 'Fn::GetAtt': ['Api', 'ApiId'] },
        http: { 'Fn::GetAtt': ['Api', 'Dns.Http'] },
        realtime: { 'Fn::GetAtt': 'Api.Dns.Realtime' },
        apiArn: { 'Fn::GetAtt': ['Api', 'ApiArn'] },
        tableArn: { 'Fn::GetAtt': ['Table', 'Arn'] },
        stream: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
        provider: { 'Fn::GetAtt': ['Pool', 'ProviderName'] },
        providerUrl: { 'Fn::GetAtt': ['Pool', 'ProviderURL'] },
        fn: { 'Fn::GetAtt': ['Fn', 'Arn'] },
        role: { 'Fn::GetAtt': ['Role', 'Arn'] },
      },
      {
        Resources: {
          ...api,
          ...table.Resources,
          Pool: { Type: 'AWS::Cognito::UserPool' },
          Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'persist' } },
          Role: { Type: 'AWS::IAM::Role' },
        },
      },
    );

    const stack = resolve(template);

    const apiId = stack.resources.find((r) => r.logicalId === 'Api')!.physicalId;
    const poolId = stack.resources.find((r) => r.logicalId === 'Pool')!.physicalId;
    expect(poolId).toMatch(/^eu-west-1_\w+$/);
    expect(valueOf(stack)).toEqual({
      apiId,
      http: `${apiId}.appsync-api.eu-west-1.amazonaws.com`,
      realtime: `${apiId}.appsync-realtime-api.eu-west-1.amazonaws.com`,
      apiArn: `arn:aws:appsync:eu-west-1:123456789012:apis/${apiId}`,
      tableArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/rooms',
      stream: 'arn:aws:dynamodb:eu-west-1:123456789012:table/rooms/stream/1970-01-01T00:00:00.000',
      provider: `cognito-idp.eu-west-1.amazonaws.com/${poolId}`,
      providerUrl: `https://cognito-idp.eu-west-1.amazonaws.com/${poolId}`,
      fn: 'arn:aws:lambda:eu-west-1:123456789012:function:persist',
      role: 'arn:aws:iam::123456789012:role/root-Role',
    });
  });

  it('takes the caller\'s local values, such as the emulator\'s own endpoint for the API', () => {
    const attributes: AttributeProvider = { attribute: (r, name) => (r.type === 'AWS::AppSync::Api' && name === 'Dns.Http' ? 'localhost:4000' : undefined) };

    const stack = resolve(probe([{ 'Fn::GetAtt': ['Api', 'Dns.Http'] }, { 'Fn::GetAtt': ['Api', 'ApiArn'] }], { Resources: api }), { attributes });

    expect(valueOf(stack)).toEqual(['localhost:4000', expect.stringMatching(/^arn:aws:appsync:eu-west-1:123456789012:apis\//)]);
  });

  it('names an attribute it has no local value for, and how to give one', () => {
    expect(() => resolve(probe({ 'Fn::GetAtt': ['Api', 'GraphQLUrl'] }, { Resources: api }))).toThrow(
      'stack Root, Probe, at Properties.Value.Fn::GetAtt: no local value for attribute GraphQLUrl of Api (AWS::AppSync::Api); supply it with the attributes option',
    );
  });
});

describe('Fn::Sub', () => {
  it('substitutes pseudo parameters, resources and attributes, and keeps ${!Literal} literal', () => {
    const stack = resolve(probe({ 'Fn::Sub': 'arn:${AWS::Partition}:${AWS::Region}/${Table}/${Table.Arn}/${!Literal}' }, table));

    expect(valueOf(stack)).toBe('arn:aws:eu-west-1/rooms/arn:aws:dynamodb:eu-west-1:123456789012:table/rooms/${Literal}');
  });

  it('takes variables from its map first, themselves resolved', () => {
    const stack = resolve(probe({ 'Fn::Sub': ['${Name}-${AWS::Region}', { Name: { Ref: 'Table' } }] }, table));

    expect(valueOf(stack)).toBe('rooms-eu-west-1');
  });
});

describe('Fn::Join, Fn::Select, Fn::Split, Fn::GetAZs, Fn::Base64, Fn::FindInMap', () => {
  it('evaluate on resolved arguments', () => {
    const template = probe(
      {
        join: { 'Fn::Join': ['', ['https://', { Ref: 'AWS::Region' }, '.example']] },
        select: { 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] },
        zone: { 'Fn::Select': ['0', { 'Fn::GetAZs': '' }] },
        base64: { 'Fn::Base64': { 'Fn::Sub': '${AWS::Region}' } },
        mapped: { 'Fn::FindInMap': ['Sizes', { Ref: 'AWS::Region' }, 'memory'] },
      },
      { Mappings: { Sizes: { 'eu-west-1': { memory: 256 } } } },
    );

    const stack = resolve(template);

    expect(valueOf(stack)).toEqual({
      join: 'https://eu-west-1.example',
      select: 'b',
      zone: 'eu-west-1a',
      base64: Buffer.from('eu-west-1').toString('base64'),
      mapped: 256,
    });
  });

  it('refuse an index outside the list', () => {
    expect(() => resolve(probe({ 'Fn::Select': [3, ['a']] }))).toThrow('index 3 is outside the list');
  });
});

describe('conditions', () => {
  const conditional: CfnTemplate = {
    Parameters: { Stage: { Type: 'String', Default: 'dev' }, Region2: { Type: 'String', Default: 'eu-west-1' } },
    Conditions: {
      IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
      InHomeRegion: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, { Ref: 'Region2' }] },
      ProdAtHome: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'InHomeRegion' }] },
      AnyOf: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'InHomeRegion' }] },
      NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    },
    Resources: {
      ProdOnly: { Type: 'AWS::DynamoDB::Table', Condition: 'IsProd', Properties: { TableName: 'audit' } },
      Probe: {
        Type: 'Test::Probe',
        Properties: {
          Value: {
            memory: { 'Fn::If': ['IsProd', 1024, 128] },
            both: { 'Fn::If': ['ProdAtHome', 'yes', 'no'] },
            either: { 'Fn::If': ['AnyOf', 'yes', 'no'] },
            notProd: { 'Fn::If': ['NotProd', 'yes', 'no'] },
            audit: { 'Fn::If': ['IsProd', { Ref: 'ProdOnly' }, { Ref: 'AWS::NoValue' }] },
          },
        },
      },
    },
    Outputs: { AuditTable: { Condition: 'IsProd', Value: { Ref: 'ProdOnly' } }, Always: { Value: 'here' } },
  };

  it('leave out the resources and outputs whose condition is false, and choose Fn::If branches', () => {
    const stack = resolve(conditional);

    expect(stack.resources.map((r) => r.logicalId)).toEqual(['Probe']);
    expect(stack.absent).toEqual(['ProdOnly']);
    expect(valueOf(stack)).toEqual({ memory: 128, both: 'no', either: 'yes', notProd: 'yes' });
    expect(stack.outputs).toEqual({ Always: 'here' });
  });

  it('follow the parameters they depend on', () => {
    const stack = resolve(conditional, { parameters: { Stage: 'prod' } });

    expect(stack.resources.map((r) => r.logicalId)).toEqual(['ProdOnly', 'Probe']);
    expect(valueOf(stack)).toEqual({ memory: 1024, both: 'yes', either: 'yes', notProd: 'no', audit: 'audit' });
    expect(stack.outputs).toEqual({ AuditTable: 'audit', Always: 'here' });
  });

  it('refuse a reference to a resource that is not created', () => {
    const template = { ...conditional, Resources: { ...conditional.Resources, Probe: { Type: 'Test::Probe', Properties: { Value: { Ref: 'ProdOnly' } } } } };

    expect(() => resolve(template)).toThrow('ProdOnly is not created: its condition IsProd is false');
  });
});

describe('nested stacks', () => {
  const child: CfnTemplate = {
    Parameters: { TableName: { Type: 'String' }, Suffix: { Type: 'String', Default: 'x' } },
    Resources: { Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: { 'Fn::Sub': '${TableName}-${Suffix}' } } } },
    Outputs: { TableArn: { Value: { 'Fn::GetAtt': ['Table', 'Arn'] } }, StackName: { Value: { Ref: 'AWS::StackName' } } },
  };

  it('pass parameters resolved in the parent and give their outputs back to it', () => {
    const template = probe([{ 'Fn::GetAtt': ['Data', 'Outputs.TableArn'] }, { 'Fn::GetAtt': ['Data', 'Outputs.StackName'] }], {
      Parameters: { Prefix: { Type: 'String', Default: 'chat' } },
      Resources: { Data: { Type: 'AWS::CloudFormation::Stack', Properties: { Parameters: { TableName: { 'Fn::Sub': '${Prefix}-${AWS::Region}' } } } } },
    });

    const stack = resolve(template, { nested: { Data: child } });

    expect(valueOf(stack)).toEqual(['arn:aws:dynamodb:eu-west-1:123456789012:table/chat-eu-west-1-x', 'root-Data']);
    expect(stack.nested.map((n) => [n.path, n.name, n.parameters])).toEqual([['Root/Data', 'root-Data', { TableName: 'chat-eu-west-1', Suffix: 'x' }]]);
    expect(stack.nested[0]!.resources[0]).toMatchObject({ stackPath: 'Root/Data', physicalId: 'chat-eu-west-1-x' });
  });

  it('feed one nested stack\'s output to another\'s parameter, whatever their order in the template', () => {
    const template: CfnTemplate = {
      Resources: {
        Consumer: { Type: 'AWS::CloudFormation::Stack', Properties: { Parameters: { TableName: { 'Fn::GetAtt': ['Producer', 'Outputs.StackName'] } } } },
        Producer: { Type: 'AWS::CloudFormation::Stack', Properties: { Parameters: { TableName: 'first' } } },
      },
    };

    const stack = resolve(template, { nested: { Producer: child, Consumer: child } });

    expect(stack.nested.map((n) => n.resources[0]!.physicalId)).toEqual(['root-Producer-x', 'first-x']);
  });

  it('name a missing output', () => {
    const template = probe({ 'Fn::GetAtt': ['Data', 'Outputs.Nope'] }, { Resources: { Data: { Type: 'AWS::CloudFormation::Stack', Properties: { Parameters: { TableName: 't' } } } } });

    expect(() => resolve(template, { nested: { Data: child } })).toThrow('nested stack Data has no output Nope');
  });
});

describe('what cannot be resolved locally', () => {
  it('explains Fn::ImportValue', () => {
    expect(() => resolve(probe({ 'Fn::ImportValue': 'shared-vpc' }))).toThrow(/Fn::ImportValue "shared-vpc" reads another deployed stack's export/);
  });

  it('names an unsupported function', () => {
    expect(() => resolve(probe({ 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }))).toThrow('at Properties.Value: Fn::Cidr is not supported');
  });

  it('names a cycle', () => {
    const template: CfnTemplate = {
      Resources: {
        A: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: { 'Fn::Sub': '${B}-a' } } },
        B: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: { 'Fn::Sub': '${A}-b' } } },
      },
    };

    expect(() => resolve(template)).toThrow(/refers to itself/);
  });
});

it('counts the resources of types it does not resolve instead of resolving them', () => {
  const template: CfnTemplate = { Resources: { Alarm: { Type: 'AWS::CloudWatch::Alarm', Properties: { X: { 'Fn::GetAtt': ['Nowhere', 'Arn'] } } }, ...table.Resources } };

  const stack = resolveStack(
    { path: 'Root', name: 'root', template, parameters: {} },
    { region: 'eu-west-1', accountId: '1', includes: (type) => type.startsWith('AWS::DynamoDB'), nestedTemplate: () => ({}) },
  );

  expect(stack.resources.map((r) => r.logicalId)).toEqual(['Table']);
  expect(stack.ignored).toEqual([{ logicalId: 'Alarm', type: 'AWS::CloudWatch::Alarm' }]);
});

import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { clientAuthFlows, eventApi, functionNames, functionSettings, routes, tables, TOKEN_VALIDITY_MINUTES } from './definition.ts';
import { resourcesOf, synthBackend } from './test-support/synth-backend.ts';

interface Statement {
  Action: string | string[];
  Effect: string;
  Resource: unknown;
}

const APP_ORIGIN = 'https://main.d1234abcd.amplifyapp.com';

let chat: Template;
let auth: Template;
let root: Template;

beforeAll(async () => {
  // The defaults: a branch deploy names its app's origins (it must) and nothing else.
  ({ chat, auth, root } = await synthBackend('test', { PARLEY_APP_ORIGINS: APP_ORIGIN }));
}, 120_000);

describe('the Event API', () => {
  it('authorizes with the user pool and AWS_IAM, as the definition says', () => {
    chat.hasResourceProperties('AWS::AppSync::Api', {
      Name: eventApi.apiName,
      EventConfig: {
        AuthProviders: Match.arrayWith([
          Match.objectLike({ AuthType: 'AMAZON_COGNITO_USER_POOLS' }),
          { AuthType: 'AWS_IAM' },
        ]),
        ConnectionAuthModes: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS' }, { AuthType: 'AWS_IAM' }],
        DefaultPublishAuthModes: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS' }, { AuthType: 'AWS_IAM' }],
        DefaultSubscribeAuthModes: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS' }],
      },
    });
  });

  it('has the chat namespace with its handler code calling the persist Lambda, the code choosing the invoke type', () => {
    chat.hasResourceProperties('AWS::AppSync::ChannelNamespace', {
      Name: 'chat',
      CodeS3Location: Match.anyValue(),
      HandlerConfigs: {
        OnPublish: {
          Behavior: 'CODE',
          // No LambdaConfig: AWS documents InvokeType for DIRECT handlers; a CODE handler's request decides.
          Integration: { DataSourceName: 'persistMessages', LambdaConfig: Match.absent() },
        },
        // The membership check of private rooms and DMs: a DynamoDB read, no Lambda on subscribe.
        OnSubscribe: { Behavior: 'CODE', Integration: { DataSourceName: 'roomMembership', LambdaConfig: Match.absent() } },
      },
      PublishAuthModes: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS' }, { AuthType: 'AWS_IAM' }],
      SubscribeAuthModes: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS' }],
    });
    chat.hasResourceProperties('AWS::AppSync::DataSource', { Name: 'persistMessages', Type: 'AWS_LAMBDA' });
  });

  it('has the signals namespace with its handler code calling the throttle Lambda, the code choosing the invoke type', () => {
    chat.hasResourceProperties('AWS::AppSync::ChannelNamespace', {
      Name: 'signals',
      CodeS3Location: Match.anyValue(),
      HandlerConfigs: {
        OnPublish: {
          Behavior: 'CODE',
          Integration: { DataSourceName: 'throttleSignals', LambdaConfig: Match.absent() },
        },
        OnSubscribe: { Behavior: 'CODE', Integration: { DataSourceName: 'roomMembership', LambdaConfig: Match.absent() } },
      },
      // IAM: persist-messages' mention notices on user channels (the handler refuses it elsewhere).
      PublishAuthModes: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS' }, { AuthType: 'AWS_IAM' }],
      SubscribeAuthModes: [{ AuthType: 'AMAZON_COGNITO_USER_POOLS' }],
    });
    chat.hasResourceProperties('AWS::AppSync::DataSource', { Name: 'throttleSignals', Type: 'AWS_LAMBDA' });
  });

  it('has the membership data source on the table, with a role only AppSync of this account may assume', () => {
    const [source] = Object.values(resourcesOf(chat, 'AWS::AppSync::DataSource')).filter((r) => r.Properties.Name === 'roomMembership');
    const roleId = (source?.Properties.ServiceRoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

    // Its own role, never the caller's credentials.
    expect(source?.Properties).toMatchObject({
      Type: 'AMAZON_DYNAMODB',
      DynamoDBConfig: { TableName: { Ref: expect.stringMatching(/^parleytable/) }, AwsRegion: { Ref: 'AWS::Region' } },
    });
    expect(source?.Properties.DynamoDBConfig).not.toHaveProperty('UseCallerCredentials', true);
    expect(resourcesOf(chat, 'AWS::IAM::Role')[roleId]?.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'appsync.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        },
      ],
    });
  });

  it('logs errors only, unless a deploy asks for more', () => {
    chat.hasResourceProperties('AWS::AppSync::Api', { EventConfig: Match.objectLike({ LogConfig: Match.objectLike({ LogLevel: 'ERROR' }) }) });
  });

  it('has exactly the data sources of the definition', () => {
    const names = Object.values(resourcesOf(chat, 'AWS::AppSync::DataSource')).map((r) => r.Properties.Name);

    expect(names.sort()).toEqual(eventApi.dataSources.map((d) => d.name).sort());
  });
});

describe('the table', () => {
  it('has the definition keys and indexes, on-demand, with PITR, retained on delete', () => {
    const table = tables[0]!;
    const [resource] = Object.values(resourcesOf(chat, 'AWS::DynamoDB::GlobalTable'));

    expect(resource?.DeletionPolicy).toBe('Retain');
    expect(resource?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: table.sortKey.name, KeyType: 'RANGE' },
      ],
      Replicas: [expect.objectContaining({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
    });
    const indexes = (resource?.Properties.GlobalSecondaryIndexes as { IndexName: string; KeySchema: unknown }[]).map(
      (index) => [index.IndexName, index.KeySchema],
    );
    expect(indexes).toEqual(
      table.globalSecondaryIndexes.map((index) => [
        index.name,
        [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
        ],
      ]),
    );
  });
});

describe('the HTTP API', () => {
  it('puts the Cognito JWT authorizer on every route of the definition', () => {
    const authorizers = resourcesOf(chat, 'AWS::ApiGatewayV2::Authorizer');
    const [authorizerId] = Object.keys(authorizers);
    const deployed = Object.values(resourcesOf(chat, 'AWS::ApiGatewayV2::Route'));

    expect(Object.values(authorizers)[0]?.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [expect.anything()], Issuer: expect.anything() },
    });
    expect(deployed.map((r) => r.Properties.RouteKey).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of deployed) {
      expect(route.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    }
  });

  it('answers CORS for the app origins', () => {
    chat.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      // PUT: `PUT /me`; DELETE: `DELETE /moderation/mutes/{sub}` (unmute); both cross-origin calls.
      CorsConfiguration: Match.objectLike({
        AllowOrigins: [APP_ORIGIN],
        AllowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        AllowHeaders: ['authorization', 'content-type', 'x-amz-date', 'x-amz-user-agent', 'x-api-key'],
        MaxAge: 3600,
      }),
    });
  });

  it('exposes the export file name and cut-off headers, and a 429’s Retry-After, to the app', () => {
    chat.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        ExposeHeaders: ['content-disposition', 'x-parley-export-truncated', 'x-parley-export-next-cursor', 'retry-after'],
      }),
    });
  });
});

describe('least privilege', () => {
  const statementsByRole = () => {
    const byRole = new Map<string, Statement[]>();
    for (const policy of Object.values(resourcesOf(chat, 'AWS::IAM::Policy'))) {
      const roles = policy.Properties.Roles as { Ref: string }[];
      const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
      for (const role of roles) byRole.set(role.Ref, [...(byRole.get(role.Ref) ?? []), ...statements]);
    }
    return byRole;
  };
  const roleOf = (logicalPrefix: string) => {
    const fn = Object.entries(resourcesOf(chat, 'AWS::Lambda::Function')).find(([id]) => id.startsWith(logicalPrefix));
    return ((fn?.[1].Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'] as [string])[0];
  };
  const actions = (statement: Statement) => [statement.Action].flat();

  it('uses no wildcard action and no data action on every resource', () => {
    for (const statements of statementsByRole().values()) {
      for (const statement of statements) {
        expect(actions(statement).filter((action) => action.includes('*'))).toEqual([]);
        expect(statement.Resource).not.toBe('*');
      }
    }
  });

  const one = <T,>(list: T[]) => (list.length === 1 ? list[0] : list);
  const tableStatement = (actionList: string[]) => ({
    Action: one(actionList),
    Effect: 'Allow',
    Resource: { 'Fn::GetAtt': [expect.stringMatching(/^parleytable/), 'Arn'] },
  });
  const indexQueryStatement = (indexes: string[]) => ({
    Action: 'dynamodb:Query',
    Effect: 'Allow',
    Resource: one(indexes.map((index) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^parleytable/), 'Arn'] }, `/index/${index}`]] }))),
  });
  // Each function writes its own log group, and no other (no AWSLambdaBasicExecutionRole).
  const logsStatement = (fn: string) => ({
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Effect: 'Allow',
    Resource: [
      // CDK grants the group by name (the group) and by its ARN attribute (which ends in `:*`: its streams).
      {
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:', { Ref: expect.stringMatching(new RegExp(`^${fn}logs`)) }],
        ],
      },
      { 'Fn::GetAtt': [expect.stringMatching(new RegExp(`^${fn}logs`)), 'Arn'] },
    ],
  });

  const eventPublishStatement = (namespace: string) => ({
    Action: 'appsync:EventPublish',
    Effect: 'Allow',
    Resource: {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':appsync:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':apis/',
          { 'Fn::GetAtt': [expect.stringMatching(/^events/), 'ApiId'] },
          `/channelNamespace/${namespace}`,
        ],
      ],
    },
  });

  it('attaches no AWS managed policy to any function role', () => {
    for (const template of [chat, auth]) {
      for (const [id, role] of Object.entries(resourcesOf(template, 'AWS::IAM::Role'))) {
        if (/role[0-9A-F]{8}$/.test(id)) expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
      }
    }
  });

  it('lets persist-messages put, get and update items and batch-write mentions in its table, query the room-order index (a change finds its message by id), and publish on the signals namespace only (mention notices), and nothing else', () => {
    expect(statementsByRole().get(roleOf('persistmessages'))).toEqual([
      logsStatement('persistmessages'),
      tableStatement(['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem']),
      indexQueryStatement(['gsi1']),
      eventPublishStatement('signals'),
    ]);
  });

  it('gives persist-messages the Event API\'s HTTP publish endpoint', () => {
    const fn = Object.entries(resourcesOf(chat, 'AWS::Lambda::Function')).find(([id]) => id.startsWith('persistmessages'));

    expect((fn?.[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables.EVENT_API_URL).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^events/), 'Dns.Http'] }, '/event']],
    });
  });

  it('lets throttle-signals only update items in its table and read the author’s mute and, in a private room, membership and the room’s epoch', () => {
    expect(statementsByRole().get(roleOf('throttlesignals'))).toEqual([logsStatement('throttlesignals'), tableStatement(['dynamodb:UpdateItem', 'dynamodb:GetItem'])]);
  });

  it('lets history only read its table (query, get, batch get) and query the room-order and membership indexes', () => {
    expect(statementsByRole().get(roleOf('history'))).toEqual([
      logsStatement('history'),
      tableStatement(['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:BatchGetItem']),
      indexQueryStatement(['gsi1', 'gsi2']),
    ]);
  });

  it('lets members get, query, put, delete and update items and check conditions in its table, query only the handle index (gsi1, no Scan), and publish on the chat namespace only', () => {
    const statements = statementsByRole().get(roleOf('members'));

    expect(statements).toEqual([
      logsStatement('members'),
      tableStatement(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem']),
      indexQueryStatement(['gsi1']),
      eventPublishStatement('chat'),
    ]);
  });

  it('lets create-room only update, get and put items in its table (a transaction needs no action of its own)', () => {
    expect(statementsByRole().get(roleOf('createroom'))).toEqual([
      logsStatement('createroom'),
      tableStatement(['dynamodb:UpdateItem', 'dynamodb:GetItem', 'dynamodb:PutItem']),
    ]);
  });

  it('lets moderation query, get, update, put and delete items in its table, query both indexes, and publish on the chat namespace only', () => {
    expect(statementsByRole().get(roleOf('moderation'))).toEqual([
      logsStatement('moderation'),
      tableStatement(['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem']),
      indexQueryStatement(['gsi1', 'gsi2']),
      eventPublishStatement('chat'),
    ]);
  });

  it('lets profile only get and put items in its table (a rename is one transaction of puts) and query it (the caller\'s mentions), on no index', () => {
    expect(statementsByRole().get(roleOf('profile'))).toEqual([logsStatement('profile'), tableStatement(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'])]);
  });

  it('lets reports get, put and update items in its table and query gsi1 only (no Scan, no delete, no publish)', () => {
    expect(statementsByRole().get(roleOf('reports'))).toEqual([
      logsStatement('reports'),
      tableStatement(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']),
      indexQueryStatement(['gsi1']),
    ]);
  });

  it('lets the chat data source invoke only the persist Lambda', () => {
    const [role] = Object.keys(resourcesOf(chat, 'AWS::IAM::Role')).filter((id) => id.startsWith('eventspersistMessages'));

    expect(statementsByRole().get(role!)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        Effect: 'Allow',
        Resource: [
          { 'Fn::GetAtt': [expect.stringMatching(/^persistmessages/), 'Arn'] },
          { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^persistmessages/), 'Arn'] }, ':*']] },
        ],
      },
    ]);
  });

  it('lets the membership data source only get items of the table (no index, no query, no write)', () => {
    const [role] = Object.keys(resourcesOf(chat, 'AWS::IAM::Role')).filter((id) => id.startsWith('eventsroomMembershiprole'));

    expect(statementsByRole().get(role!)).toEqual([tableStatement(['dynamodb:GetItem'])]);
  });

  it('lets the signals data source invoke only the throttle Lambda', () => {
    const [role] = Object.keys(resourcesOf(chat, 'AWS::IAM::Role')).filter((id) => id.startsWith('eventsthrottleSignals'));

    expect(statementsByRole().get(role!)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        Effect: 'Allow',
        Resource: [
          { 'Fn::GetAtt': [expect.stringMatching(/^throttlesignals/), 'Arn'] },
          { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^throttlesignals/), 'Arn'] }, ':*']] },
        ],
      },
    ]);
  });
});

describe('alarm topic', () => {
  it('has no subscriber until PARLEY_ALARM_EMAIL names one', () => {
    expect(Object.keys(resourcesOf(chat, 'AWS::SNS::Topic'))).toHaveLength(1);
    expect(resourcesOf(chat, 'AWS::SNS::Subscription')).toEqual({});
  });
});

describe('observability', () => {
  it('alarms on each Lambda error and throttle, Event API and HTTP API server errors, failed chat events and table throttles', () => {
    const alarms = Object.values(resourcesOf(chat, 'AWS::CloudWatch::Alarm')).map((alarm) =>
      alarm.Properties.MetricName ? `${alarm.Properties.Namespace}/${alarm.Properties.MetricName}` : 'math',
    );

    expect(alarms.sort()).toEqual(
      [
        // The Cognito triggers live in the auth stack; their alarms are here all the same.
        ...functionNames.flatMap(() => ['AWS/Lambda/Errors', 'AWS/Lambda/Throttles']),
        ...eventApi.namespaces.map(() => 'AWS/AppSync/PublishServerError'),
        'AWS/AppSync/5XXError', 'AWS/AppSync/FailedEvents', 'AWS/ApiGateway/5xx',
        'math', // DynamoDB read + write throttles, table and indexes
      ].sort(),
    );
  });

  it('keeps every log group 30 days: each function\'s, the Event API\'s and the HTTP API access log', () => {
    const groups = Object.values(resourcesOf(chat, 'AWS::Logs::LogGroup'));

    expect(groups).toHaveLength(Object.keys(resourcesOf(chat, 'AWS::Lambda::Function')).length + 2);
    for (const group of [...groups, ...Object.values(resourcesOf(auth, 'AWS::Logs::LogGroup'))]) {
      expect(group.Properties.RetentionInDays).toBe(30);
    }
  });
});

describe('auth', () => {
  it('signs in with email and has the moderators group', () => {
    auth.hasResourceProperties('AWS::Cognito::UserPool', { UsernameAttributes: ['email'] });
    auth.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'moderators' });
  });

  it('runs pre-token-generation as a V2 trigger, on the Essentials plan that access-token claims need', () => {
    const [fnId] = Object.keys(resourcesOf(auth, 'AWS::Lambda::Function')).filter((id) => id.startsWith('pretokengeneration'));

    expect(fnId).toBeDefined();
    auth.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'ESSENTIALS',
      LambdaConfig: { PreTokenGenerationConfig: { LambdaArn: { 'Fn::GetAtt': [fnId, 'Arn'] }, LambdaVersion: 'V2_0' } },
    });
    auth.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('UserPool'), 'Arn'] },
    });
  });
});

describe('profiles in tokens', () => {
  const tableResource = () => Object.values(resourcesOf(chat, 'AWS::DynamoDB::GlobalTable'))[0]!;
  const trigger = () => Object.entries(resourcesOf(auth, 'AWS::Lambda::Function')).find(([id]) => id.startsWith('pretokengeneration'))!;

  it('names the table after the deployment’s root stack, and gives the trigger that name without a reference to the chat stack', () => {
    const tableName = tableResource().Properties.TableName;
    const [, fn] = trigger();

    expect(tableName).toMatch(/^amplify-parley-test-branch-[0-9a-f]{10}-parley$/);
    expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.TABLE_NAME).toBe(tableName);
    expect(JSON.stringify(auth.toJSON())).not.toContain('parleytable');
  });

  it('lets the trigger only get and put items, in exactly that table', () => {
    const [, fn] = trigger();
    const role = (fn.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    const statements = Object.values(resourcesOf(auth, 'AWS::IAM::Policy'))
      .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === role))
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement);

    expect(statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('dynamodb:')))).toEqual([
      {
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        Effect: 'Allow',
        Resource: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':dynamodb:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:table/${String(tableResource().Properties.TableName)}`]],
        },
      },
    ]);
  });

  it('lets the app’s client write the email and no other attribute, and asks for no preferred_username at sign-up', () => {
    auth.hasResourceProperties('AWS::Cognito::UserPoolClient', { WriteAttributes: ['email'] });
    const [pool] = Object.values(resourcesOf(auth, 'AWS::Cognito::UserPool'));

    expect((pool?.Properties.Schema as { Name: string; Required?: boolean }[]).filter((attribute) => attribute.Required).map((a) => a.Name)).toEqual(['email']);
    expect(JSON.stringify(pool?.Properties.Schema)).not.toContain('preferred_username');
  });

  it('lets the app’s client sign in with SRP, custom auth and refresh, and never with a plain password', () => {
    const [client] = Object.values(resourcesOf(auth, 'AWS::Cognito::UserPoolClient'));

    expect([...(client?.Properties.ExplicitAuthFlows as string[])].sort()).toEqual([...clientAuthFlows].sort());
    expect(client?.Properties.ExplicitAuthFlows).toContain('ALLOW_USER_SRP_AUTH');
    expect(client?.Properties.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
  });

  it('sets the token lifetime the name hold is based on', () => {
    auth.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: TOKEN_VALIDITY_MINUTES,
      IdTokenValidity: TOKEN_VALIDITY_MINUTES,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' },
    });
  });
});

describe('sign-up', () => {
  it('runs pre-sign-up on the open policy by default, and lets people sign themselves up', () => {
    const [fnId] = Object.keys(resourcesOf(auth, 'AWS::Lambda::Function')).filter((id) => id.startsWith('presignup'));

    expect(resourcesOf(auth, 'AWS::Lambda::Function')[fnId!]?.Properties.Environment).toMatchObject({ Variables: { SIGNUP_POLICY: 'open' } });
    auth.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: Match.objectLike({ PreSignUp: { 'Fn::GetAtt': [fnId, 'Arn'] } }),
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: false }),
    });
    auth.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('UserPool'), 'Arn'] },
    });
  });
});

describe('function settings', () => {
  it.each(functionNames)('deploys %s with the timeout and memory of the definition', (name) => {
    // pre-token-generation lives in the auth stack (see backend.ts); the others in the chat stack.
    const template = name.startsWith('pre-') ? auth : chat;
    const deployed = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).filter(([id]) => id.startsWith(name.replaceAll('-', '')));

    expect(deployed).toHaveLength(1);
    expect(deployed[0]?.[1].Properties).toMatchObject({ Timeout: functionSettings[name].timeoutSeconds, MemorySize: functionSettings[name].memoryMb });
  });
});

describe('persist-messages settings', () => {
  it('deploys the default rate limit of 20 messages per 10 s', () => {
    const [fn] = Object.entries(resourcesOf(chat, 'AWS::Lambda::Function')).filter(([id]) => id.startsWith('persistmessages'));

    expect((fn?.[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables.RATE_LIMIT).toBe('20/10');
  });
});

describe('create-room settings', () => {
  it('deploys the default limit of 10 new rooms per member per hour', () => {
    const [fn] = Object.entries(resourcesOf(chat, 'AWS::Lambda::Function')).filter(([id]) => id.startsWith('createroom'));

    expect((fn?.[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables.ROOM_LIMIT).toBe('10/3600');
  });
});

describe('profile settings', () => {
  it('deploys the default limit of 5 name changes per account per day', () => {
    const [fn] = Object.entries(resourcesOf(chat, 'AWS::Lambda::Function')).filter(([id]) => id.startsWith('profile'));

    expect((fn?.[1].Properties.Environment as { Variables: Record<string, unknown> }).Variables.NAME_CHANGE_LIMIT).toBe('5/86400');
  });
});

describe('outputs', () => {
  it('publishes custom.events and custom.API for the app', () => {
    const outputs = root.toJSON().Outputs as Record<string, { Value: unknown }>;

    const custom = JSON.stringify(outputs.customOutputs?.Value);
    expect(custom).toContain('events');
    expect(custom).toContain('AMAZON_COGNITO_USER_POOLS');
    expect(custom).toContain('API');
  });
});

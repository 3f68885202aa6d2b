/**
 * What a branch deploy needs to run unattended, on the synthesized templates of a deploy whose
 * settings are all given (backend.test.ts covers the defaults): the runtime, CORS for the hosted
 * app, alarms that reach someone, logs, a dashboard, and the hardening settings.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_FAILED_METRIC } from '../functions/lib/metric-names.ts';
import { eventApi, functionBundling, functionNames, LAMBDA_RUNTIME } from './definition.ts';
import { type Resources, resourcesOf, synthBackend } from './test-support/synth-backend.ts';

let chat: Template;
let auth: Template;
let root: Template;

beforeAll(async () => {
  ({ chat, auth, root } = await synthBackend('ops', {
    PARLEY_APP_ORIGINS: ' https://main.d1234abcd.amplifyapp.com , https://chat.example.com/ ',
    PARLEY_ALARM_EMAIL: 'oncall@example.com',
    PARLEY_EVENT_API_LOG_LEVEL: 'info',
    PARLEY_RESERVED_CONCURRENCY: 'persist-messages=50',
    PARLEY_SIGNUP: 'domains:example.com, team.example.org',
  }));
}, 120_000);
const only = (resources: Resources) => {
  const values = Object.values(resources);
  expect(values).toHaveLength(1);
  return values[0]!;
};

describe('runtime', () => {
  it('runs every project Lambda on the definition runtime, Node 24', () => {
    const fns = [chat, auth].flatMap((template) => Object.entries(resourcesOf(template, 'AWS::Lambda::Function')));

    expect(fns.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(functionNames.map((name) => name.replaceAll('-', '')).sort());
    expect(LAMBDA_RUNTIME.name).toBe('nodejs24.x');
    for (const [, fn] of fns) expect(fn.Properties.Runtime).toBe(LAMBDA_RUNTIME.name);
    // esbuild bundles for the Node the runtime runs.
    expect(functionBundling.target).toBe('node24');
  });

  it('deploys no Lambda anywhere, Amplify\'s included, on a deprecated Node runtime', () => {
    for (const template of [root, auth, chat]) {
      for (const fn of Object.values(resourcesOf(template, 'AWS::Lambda::Function'))) {
        expect(fn.Properties.Runtime).not.toMatch(/^nodejs(1\d|20)\.x$/);
      }
    }
  });
});

describe('CORS', () => {
  it('allows exactly the configured app origins, trimmed', () => {
    chat.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://main.d1234abcd.amplifyapp.com', 'https://chat.example.com'] }),
    });
  });
});

describe('alarms', () => {
  const topicRef = () => ({ Ref: Object.keys(resourcesOf(chat, 'AWS::SNS::Topic'))[0] });

  it('sends every alarm and its recovery to the alarm topic', () => {
    const alarms = Object.values(resourcesOf(chat, 'AWS::CloudWatch::Alarm'));

    expect(alarms.length).toBeGreaterThan(10);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([topicRef()]);
      expect(alarm.Properties.OKActions).toEqual([topicRef()]);
    }
  });

  it('emails PARLEY_ALARM_EMAIL, and the topic takes publishes over TLS only', () => {
    chat.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com', TopicArn: topicRef() });
    chat.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('alarms on publish server errors per namespace, with both dimensions AppSync reports them under', () => {
    const dimensions = (metricName: string) =>
      Object.values(resourcesOf(chat, 'AWS::CloudWatch::Alarm'))
        .filter((alarm) => alarm.Properties.MetricName === metricName)
        .map((alarm) => (alarm.Properties.Dimensions as { Name: string; Value: unknown }[]).map((d) => (d.Name === 'EventAPIId' ? d.Name : `${d.Name}=${String(d.Value)}`)).sort());

    expect(dimensions('PublishServerError').sort()).toEqual(eventApi.namespaces.map((n) => [`ChannelNamespaceName=${n.name}`, 'EventAPIId']).sort());
    expect(dimensions('FailedEvents')).toEqual([['ChannelNamespaceName=chat', 'EventAPIId']]);
    // An HTTP metric: AppSync reports it per API only.
    expect(dimensions('5XXError')).toEqual([['EventAPIId']]);
  });
});

describe('logs', () => {
  it('gives the Event API a LogConfig at the configured level, with a role only AppSync of this account assumes', () => {
    const api = only(resourcesOf(chat, 'AWS::AppSync::Api'));
    const logConfig = (api.Properties.EventConfig as { LogConfig: { LogLevel: string; CloudWatchLogsRoleArn: { 'Fn::GetAtt': [string, string] } } }).LogConfig;

    expect(logConfig.LogLevel).toBe('INFO');
    const [roleId] = logConfig.CloudWatchLogsRoleArn['Fn::GetAtt'];
    chat.hasResource('AWS::IAM::Role', {
      Properties: Match.objectLike({
        AssumeRolePolicyDocument: {
          Statement: [
            Match.objectLike({
              Principal: { Service: 'appsync.amazonaws.com' },
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            }),
          ],
          Version: '2012-10-17',
        },
      }),
    });
    const policy = Object.values(resourcesOf(chat, 'AWS::IAM::Policy')).find((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]));
    expect(JSON.stringify(policy?.Properties.PolicyDocument)).toMatch(/"Action":\["logs:CreateLogStream","logs:PutLogEvents"\]/);
    expect(JSON.stringify(policy?.Properties.PolicyDocument)).toMatch(/eventslogs/);
  });

  it('creates the Event API log group under the name AppSync writes to, kept 30 days', () => {
    chat.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/appsync/apis/', { 'Fn::GetAtt': [Match.stringLikeRegexp('^events'), 'ApiId'] }]] },
      RetentionInDays: 30,
    });
  });

  it('writes HTTP API access logs as JSON to a log group kept 30 days', () => {
    const stage = only(resourcesOf(chat, 'AWS::ApiGatewayV2::Stage'));
    const settings = stage.Properties.AccessLogSettings as { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
    const format = JSON.parse(settings.Format) as Record<string, string>;

    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', routeKey: '$context.routeKey' });
    expect(JSON.stringify(format)).not.toMatch(/authorization|header/i);
    const [groupId] = settings.DestinationArn['Fn::GetAtt'];
    expect(resourcesOf(chat, 'AWS::Logs::LogGroup')[groupId]?.Properties.RetentionInDays).toBe(30);
  });
});

describe('dashboard', () => {
  const body = () => JSON.stringify(only(resourcesOf(chat, 'AWS::CloudWatch::Dashboard')).Properties.DashboardBody);

  it('is named after the app and branch, so each deployment in an account has its own', () => {
    expect(only(resourcesOf(chat, 'AWS::CloudWatch::Dashboard')).Properties.DashboardName).toBe('parley-parley-ops');
  });

  it('shows messages stored a minute and per-event failures by code', () => {
    expect(body()).toContain('Messages stored per minute');
    expect(body()).toContain('\\"Parley\\",\\"MessagesStored\\",\\"service\\",\\"persist-messages\\"');
    expect(body()).toContain(`MetricName=\\\\\\"${EVENTS_FAILED_METRIC}\\\\\\"`);
    expect(body()).toContain('{Parley,code,service}');
  });

  it('shows publish server errors per namespace, each Lambda\'s p99 duration and errors, DynamoDB throttles and HTTP 4xx/5xx', () => {
    for (const namespace of eventApi.namespaces) expect(body()).toContain(`${namespace.name} (WebSocket)`);
    for (const name of functionNames) expect(body()).toMatch(new RegExp(`"label\\\\":\\\\"${name}\\\\",\\\\"period\\\\":60,\\\\"stat\\\\":\\\\"p99`));
    expect(body()).toContain('ReadThrottleEvents gsi1');
    expect(body()).toContain('WriteThrottleEvents table');
    expect(body()).toContain('\\"AWS/ApiGateway\\",\\"4xx\\"');
    expect(body()).toContain('\\"AWS/ApiGateway\\",\\"5xx\\"');
  });
});

describe('sign-up policy', () => {
  it('passes PARLEY_SIGNUP\'s domains to the pre-sign-up trigger, self sign-up still on', () => {
    const [, fn] = Object.entries(resourcesOf(auth, 'AWS::Lambda::Function')).find(([id]) => id.startsWith('presignup'))!;

    expect(fn.Properties.Environment).toMatchObject({ Variables: { SIGNUP_POLICY: 'domains:example.com,team.example.org' } });
    auth.hasResourceProperties('AWS::Cognito::UserPool', { AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: false }) });
  });
});

describe('hardening', () => {
  it('turns off guest identities', () => {
    auth.hasResourceProperties('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: false });
  });

  it('retains the user pool on a branch deploy, as it retains the table', () => {
    const pool = only(resourcesOf(auth, 'AWS::Cognito::UserPool'));
    const [table] = Object.values(resourcesOf(chat, 'AWS::DynamoDB::GlobalTable'));

    expect(pool.DeletionPolicy).toBe('Retain');
    expect(table?.DeletionPolicy).toBe('Retain');
  });

  it('reserves concurrency as configured: an override for persist-messages, the defaults for the rest', () => {
    const reserved = Object.fromEntries(
      Object.entries(resourcesOf(chat, 'AWS::Lambda::Function')).map(([id, fn]) => [id.replace(/[0-9A-F]{8}$/, ''), fn.Properties.ReservedConcurrentExecutions]),
    );

    expect(reserved).toEqual({ persistmessages: 50, throttlesignals: 20, createroom: 5, profile: 10, reports: 5, members: 10, history: undefined, moderation: undefined });
  });
});

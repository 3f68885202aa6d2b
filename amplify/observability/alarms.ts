import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { eventApiMetric, type ObservedResources, sumOf, tableThrottles } from './metrics.ts';

const FIVE_MINUTES = Duration.minutes(5);

export interface AlarmDeps extends ObservedResources {
  /** Who hears about alarms by email; without it the topic has no subscriber until one is added. */
  alarmEmail?: string;
}

export interface AlarmResources {
  topic: Topic;
  alarms: Alarm[];
}

/**
 * Alarms a person should hear about, each sending its ALARM and its OK to one SNS topic: any
 * Lambda error or throttle, Event API publishes that fail on the server (per namespace: AppSync
 * reports real-time metrics with the namespace dimension only), chat events the handler reports
 * failed, server errors of either API, and DynamoDB throttling.
 */
export function createAlarms(scope: Construct, deps: AlarmDeps): AlarmResources {
  const topic = new Topic(scope, 'alarms-topic', {
    displayName: 'Parley alarms',
    // The topic policy refuses publishes that are not over TLS.
    enforceSSL: true,
  });
  Validations.of(topic).acknowledge({
    id: 'AwsSolutions-SNS2',
    reason:
      'Alarm notifications carry alarm names and states only, no member data; CloudWatch cannot publish to a topic ' +
      'encrypted with the AWS managed SNS key, and a customer managed key would cost more than the alarms it protects',
  });
  if (deps.alarmEmail) topic.addSubscription(new EmailSubscription(deps.alarmEmail));
  const action = new SnsAction(topic);

  const alarms: Alarm[] = [];
  const alarmAtLeast = (id: string, metric: IMetric, threshold: number, description: string) => {
    const alarm = new Alarm(scope, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    alarms.push(alarm);
  };

  for (const [name, fn] of Object.entries(deps.functions)) {
    alarmAtLeast(`${name}-errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), 1, `${name} threw`);
    alarmAtLeast(`${name}-throttles`, fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), 1, `${name} was throttled`);
  }
  for (const namespace of deps.namespaces) {
    alarmAtLeast(
      `events-${namespace}-publish-server-errors`,
      eventApiMetric(deps.api, 'PublishServerError', FIVE_MINUTES, namespace),
      1,
      `Event API WebSocket publishes on ${namespace} failed on the server`,
    );
  }
  alarmAtLeast('events-http-5xx', eventApiMetric(deps.api, '5XXError', FIVE_MINUTES), 1, 'Event API HTTP publishes failed on the server');
  alarmAtLeast(
    'events-chat-failed-events',
    eventApiMetric(deps.api, 'FailedEvents', FIVE_MINUTES, 'chat'),
    10,
    'chat events the handler reported failed (e.g. storage errors)',
  );
  alarmAtLeast('http-api-5xx', deps.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }), 1, 'HTTP API requests failed on the server');
  const throttles = tableThrottles(deps.table, FIVE_MINUTES, deps.indexNames);
  alarmAtLeast(
    'table-throttles',
    new MathExpression({ expression: sumOf(throttles), usingMetrics: throttles, period: FIVE_MINUTES, label: 'throttled requests' }),
    1,
    'DynamoDB throttled reads or writes of the chat table',
  );
  return { topic, alarms };
}

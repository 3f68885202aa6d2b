import { Duration } from 'aws-cdk-lib';
import type { EventApi } from 'aws-cdk-lib/aws-appsync';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

const FIVE_MINUTES = Duration.minutes(5);

function alarmAtLeast(scope: Construct, id: string, metric: Metric, threshold: number, description: string): Alarm {
  return new Alarm(scope, id, {
    metric,
    threshold,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    alarmDescription: description,
  });
}

/**
 * Alarms a person should hear about: any Lambda error or throttle, and Event API publishes that
 * fail on the server side or whose events the handler reports failed (storage trouble).
 */
export function createAlarms(scope: Construct, deps: { functions: Record<string, IFunction>; api: EventApi }): Alarm[] {
  const alarms: Alarm[] = [];
  for (const [name, fn] of Object.entries(deps.functions)) {
    alarms.push(
      alarmAtLeast(scope, `${name}-errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), 1, `${name} threw`),
      alarmAtLeast(scope, `${name}-throttles`, fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), 1, `${name} was throttled`),
    );
  }
  const eventApiMetric = (metricName: string, extra: Record<string, string> = {}) =>
    new Metric({
      namespace: 'AWS/AppSync',
      metricName,
      dimensionsMap: { EventAPIId: deps.api.apiId, ...extra },
      period: FIVE_MINUTES,
      statistic: 'Sum',
    });
  alarms.push(
    alarmAtLeast(scope, 'events-publish-server-errors', eventApiMetric('PublishServerError'), 1, 'Event API WebSocket publishes failed on the server'),
    alarmAtLeast(scope, 'events-http-5xx', eventApiMetric('5XXError'), 1, 'Event API HTTP publishes failed on the server'),
    alarmAtLeast(
      scope,
      'events-chat-failed-events',
      eventApiMetric('FailedEvents', { ChannelNamespaceName: 'chat' }),
      10,
      'chat events the handler reported failed (e.g. storage errors)',
    ),
  );
  return alarms;
}

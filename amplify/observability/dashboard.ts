import { Duration } from 'aws-cdk-lib';
import { Dashboard, GraphWidget, MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { EVENTS_FAILED_METRIC, METRICS_NAMESPACE } from '../../functions/lib/metric-names.ts';
import { eventApiMetric, type ObservedResources, tableThrottles } from './metrics.ts';

const MINUTE = Duration.minutes(1);

export interface DashboardDeps extends ObservedResources {
  /** Tells this deployment's dashboard from others in the account: the Amplify app and branch or sandbox. */
  deploymentName: string;
}

/**
 * One dashboard for the on-call person: traffic (messages stored a minute), what members see fail
 * (per-event failures by code, publish server errors, HTTP errors), and why (each Lambda's p99
 * duration and errors, DynamoDB throttles).
 */
export function createDashboard(scope: Construct, deps: DashboardDeps): Dashboard {
  const functions = Object.entries(deps.functions);
  const graph = (title: string, left: (Metric | MathExpression)[], width = 12) =>
    new GraphWidget({ title, left, width, height: 6, period: MINUTE });
  return new Dashboard(scope, 'dashboard', {
    // CloudWatch allows letters, digits, '-' and '_' in a dashboard name.
    dashboardName: `parley-${deps.deploymentName}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 255),
    defaultInterval: Duration.hours(3),
    widgets: [
      [
        graph('Messages stored per minute', [
          new Metric({
            namespace: METRICS_NAMESPACE,
            metricName: 'MessagesStored',
            dimensionsMap: { service: 'persist-messages' },
            period: MINUTE,
            statistic: 'Sum',
            label: 'stored',
          }),
        ]),
        graph('Per-event failures by code', [
          // One line per code the functions counted, without listing codes that never occur.
          new MathExpression({
            expression: `SEARCH('{${METRICS_NAMESPACE},code,service} MetricName="${EVENTS_FAILED_METRIC}"', 'Sum', 60)`,
            period: MINUTE,
            label: '',
          }),
          ...deps.namespaces.map((namespace) =>
            eventApiMetric(deps.api, 'FailedEvents', MINUTE, namespace).with({ label: `${namespace}: all failed events` }),
          ),
        ]),
      ],
      [
        graph('Publish server errors', [
          ...deps.namespaces.map((namespace) =>
            eventApiMetric(deps.api, 'PublishServerError', MINUTE, namespace).with({ label: `${namespace} (WebSocket)` }),
          ),
          eventApiMetric(deps.api, '5XXError', MINUTE).with({ label: 'HTTP publish 5xx' }),
        ]),
        graph('HTTP API 4xx and 5xx', [
          deps.httpApi.metricClientError({ period: MINUTE, statistic: 'Sum', label: '4xx' }),
          deps.httpApi.metricServerError({ period: MINUTE, statistic: 'Sum', label: '5xx' }),
        ]),
      ],
      [
        graph(
          'Lambda p99 duration (ms)',
          functions.map(([name, fn]) => fn.metricDuration({ period: MINUTE, statistic: 'p99', label: name })),
        ),
        graph(
          'Lambda errors',
          functions.map(([name, fn]) => fn.metricErrors({ period: MINUTE, statistic: 'Sum', label: name })),
        ),
      ],
      [
        graph(
          'DynamoDB throttles',
          Object.entries(tableThrottles(deps.table, MINUTE, deps.indexNames)).map(([, metric]) =>
            metric.with({ label: `${metric.metricName} ${metric.dimensions?.GlobalSecondaryIndexName ?? 'table'}` }),
          ),
          24,
        ),
      ],
    ],
  });
}

import type { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { EventApi } from 'aws-cdk-lib/aws-appsync';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/** What the alarms and the dashboard watch. */
export interface ObservedResources {
  functions: Record<string, IFunction>;
  api: EventApi;
  /** The Event API's namespaces (real-time metrics are reported per namespace). */
  namespaces: string[];
  httpApi: HttpApi;
  table: ITableV2;
  /** The table's global secondary indexes, whose throttles DynamoDB reports apart from the table's. */
  indexNames: readonly string[];
}

/**
 * An AppSync Events metric with the dimensions AppSync reports it under: HTTP metrics (`5XXError`,
 * `4XXError`, `Requests`…) by `EventAPIId` alone; handler and real-time metrics (`FailedEvents`,
 * `PublishServerError`…) by `EventAPIId` and `ChannelNamespaceName`, so those need the namespace or
 * they match no data at all.
 */
export function eventApiMetric(api: EventApi, metricName: string, period: Duration, namespace?: string): Metric {
  return new Metric({
    namespace: 'AWS/AppSync',
    metricName,
    dimensionsMap: namespace === undefined ? { EventAPIId: api.apiId } : { EventAPIId: api.apiId, ChannelNamespaceName: namespace },
    period,
    statistic: 'Sum',
  });
}

/**
 * Throttled reads and writes of a table and its indexes, keyed for a math expression. DynamoDB
 * reports an index's throttles under `TableName` plus `GlobalSecondaryIndexName`, apart from the
 * table's own, and a throttled index write throttles the table write that caused it.
 */
export function tableThrottles(table: ITableV2, period: Duration, indexNames: readonly string[] = []): Record<string, Metric> {
  const metric = (metricName: string, index?: string) =>
    new Metric({
      namespace: 'AWS/DynamoDB',
      metricName,
      dimensionsMap: index === undefined ? { TableName: table.tableName } : { TableName: table.tableName, GlobalSecondaryIndexName: index },
      period,
      statistic: 'Sum',
    });
  const metrics: Record<string, Metric> = { reads: metric('ReadThrottleEvents'), writes: metric('WriteThrottleEvents') };
  indexNames.forEach((index, i) => {
    metrics[`indexReads${i}`] = metric('ReadThrottleEvents', index);
    metrics[`indexWrites${i}`] = metric('WriteThrottleEvents', index);
  });
  return metrics;
}

/** The sum of every metric in a `tableThrottles` record, as a math expression. */
export const sumOf = (metrics: Record<string, Metric>): string => Object.keys(metrics).join(' + ');

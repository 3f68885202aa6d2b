import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, type ITableV2, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { IndexDefinition, KeyDefinition, TableDefinition } from '../definition.ts';

const attribute = (key: KeyDefinition) => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

const projection = (index: IndexDefinition) =>
  Array.isArray(index.projection)
    ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: index.projection }
    : { projectionType: index.projection === 'ALL' ? ProjectionType.ALL : ProjectionType.KEYS_ONLY };

/**
 * One DynamoDB table per shared definition (the local cloud creates the same ones): on-demand,
 * point-in-time recovery, and retained when the stack is deleted: chat history outlives a stack.
 * `physicalName` fixes its name (see table-name.ts); CloudFormation picks one otherwise.
 */
export function createTable(scope: Construct, table: TableDefinition, physicalName?: string): TableV2 {
  return new TableV2(scope, `${table.name}-table`, {
    tableName: physicalName,
    partitionKey: attribute(table.partitionKey),
    sortKey: attribute(table.sortKey),
    billing: Billing.onDemand(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    removalPolicy: RemovalPolicy.RETAIN,
    timeToLiveAttribute: table.timeToLiveAttribute,
    globalSecondaryIndexes: table.globalSecondaryIndexes.map((index) => ({
      indexName: index.name,
      partitionKey: attribute(index.partitionKey),
      sortKey: attribute(index.sortKey),
      ...projection(index),
    })),
  });
}

/**
 * Exactly the item actions a function's code uses, on the table, and Query on exactly the indexes
 * it queries. CDK's `table.grant` would add every index (`index/*`) with every action, where
 * writes to an index mean nothing and most functions query none.
 */
export function grantTableAccess(grantee: IGrantable, table: ITableV2, actions: string[], queriedIndexes: string[] = []): void {
  grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [table.tableArn] }));
  if (queriedIndexes.length === 0) return;
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['dynamodb:Query'], resources: queriedIndexes.map((index) => `${table.tableArn}/index/${index}`) }),
  );
}

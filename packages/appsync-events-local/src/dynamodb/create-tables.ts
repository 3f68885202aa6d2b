import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../template/backend-model.ts';

/** The CreateTable input for one table of the shared definition (what CDK deploys, locally). */
export function createTableInput(table: TableDefinition, physicalName: string): CreateTableCommandInput {
  const attributes = new Map<string, string>();
  const keys = [table.partitionKey, table.sortKey, ...table.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  for (const key of keys) attributes.set(key.name, key.type);
  return {
    TableName: physicalName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType: AttributeType as 'S' | 'N',
    })),
    KeySchema: [
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: table.sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: table.globalSecondaryIndexes.length
      ? table.globalSecondaryIndexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
          ],
          Projection: Array.isArray(index.projection)
            ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.projection }
            : { ProjectionType: index.projection },
        }))
      : undefined,
  };
}

/**
 * Creates each table unless it exists already (data on disk survives a restart), and returns once
 * every table is ACTIVE: like DynamoDB, dynalite answers a write to a CREATING table with
 * ResourceNotFoundException, and it marks a new table ACTIVE in a second write of its own.
 */
export async function ensureTables(
  client: DynamoDBClient,
  tables: readonly TableDefinition[],
  physicalName: (logical: string) => string,
): Promise<void> {
  for (const table of tables) {
    const name = physicalName(table.name);
    try {
      await client.send(new DescribeTableCommand({ TableName: name }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await client.send(new CreateTableCommand(createTableInput(table, name)));
    }
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.02, maxDelay: 0.25 }, { TableName: name });
  }
}

/**
 * For budget tests: a document client that asks DynamoDB for `ReturnConsumedCapacity: 'TOTAL'`
 * (the table and its indexes) on every call and sums what it reports, read units and write units
 * apart. DynamoDB Local reports index writes as DynamoDB bills them; dynalite does not.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/lib/dynamo-client.ts';

const WRITES = new Set(['PutCommand', 'UpdateCommand', 'DeleteCommand', 'TransactWriteCommand', 'BatchWriteCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);

export interface CapacityMeter {
  client: DynamoDBDocumentClient;
  readUnits: number;
  writeUnits: number;
  /** Read requests made: DynamoDB bills each at least 0.5 RCU, even one that finds nothing. */
  readRequests: number;
  reset(): void;
}

export function meteredClient(env: Record<string, string> & { AWS_REGION: string }): CapacityMeter {
  const client = createDocumentClient(env);
  const meter: CapacityMeter = {
    client,
    readUnits: 0,
    writeUnits: 0,
    readRequests: 0,
    reset() {
      meter.readUnits = 0;
      meter.writeUnits = 0;
      meter.readRequests = 0;
    },
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const reported = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      const units = (Array.isArray(reported) ? reported : [reported]).reduce((sum, c) => sum + (c?.CapacityUnits ?? 0), 0);
      if (WRITES.has(context.commandName ?? '')) meter.writeUnits += units;
      else {
        meter.readUnits += units;
        meter.readRequests += 1;
      }
      return result;
    },
    { step: 'initialize', name: 'meterConsumedCapacity' },
  );
  return meter;
}

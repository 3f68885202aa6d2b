/**
 * For the data source tests: a real DynamoDB API server (dynalite, or DynamoDB Local) with the test
 * table created, and a document client on it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTables } from '../create-tables.ts';
import { type DynamoEngine, type DynamoServer, startDynamoServer } from '../dynamo-server.ts';
import { tables } from './test-tables.ts';

export const TABLE = tables[0]!.name;

export interface TestTable {
  server: DynamoServer;
  db: DynamoDBDocumentClient;
  close(): Promise<void>;
}

export async function startTestTable(engine: DynamoEngine = 'dynalite'): Promise<TestTable> {
  const server = await startDynamoServer({ engine });
  const client = new DynamoDBClient({ region: 'us-east-1', endpoint: server.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTables(client, tables, (name) => name);
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    server,
    db,
    async close() {
      db.destroy();
      await server.close();
    },
  };
}

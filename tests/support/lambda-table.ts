/**
 * For function tests: a real DynamoDB API server (the local cloud's dynalite, or DynamoDB Local)
 * with Parley's tables created from the shared definition, the environment a Lambda gets in
 * front of it (as the local cloud sets it), and a document client.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { vi } from 'vitest';
import { tables } from '../../amplify/definition.ts';
import { createDocumentClient } from '../../functions/lib/dynamo-client.ts';
import { type DynamoEngine, type DynamoServer, ensureTables, startDynamoServer } from 'appsync-events-local';

export const TABLE = 'parley';

export interface LambdaTable {
  server: DynamoServer;
  env: Record<string, string> & { AWS_REGION: string };
  db: DynamoDBDocumentClient;
  close(): Promise<void>;
}

export async function startLambdaTable(engine: DynamoEngine = 'dynalite'): Promise<LambdaTable> {
  vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
  const server = await startDynamoServer({ engine });
  const env = {
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_DYNAMODB: server.endpoint,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME: TABLE,
    // No Event API beside these tests: a publish (a mention notice, a member change) is refused at once.
    EVENT_API_URL: 'http://127.0.0.1:9/event',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    RATE_LIMIT: 'off',
    ROOM_LIMIT: 'off',
  };
  const admin = new DynamoDBClient({ region: env.AWS_REGION, endpoint: server.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTables(admin, tables, (name) => name);
  admin.destroy();
  const db = createDocumentClient(env);
  return {
    server,
    env,
    db,
    async close() {
      db.destroy();
      await server.close();
      vi.unstubAllEnvs();
    },
  };
}

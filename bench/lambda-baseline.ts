/**
 * The smallest Lambda that does what persist-messages does at its core, for `npm run
 * bench:lambda` to measure ours against: one PutItem through the document client, the client
 * created at import as ours are. Bundled exactly as the deployment bundles our functions.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const tableName = process.env.TABLE_NAME;

export async function handler(event: Record<string, unknown>): Promise<void> {
  await client.send(new PutCommand({ TableName: tableName, Item: event }));
}

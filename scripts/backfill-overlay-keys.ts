/**
 * `npm run backfill:overlay-keys -- <table name>`: gives the overlays of a table written before
 * they had gsi1 keys those keys (functions/lib/overlay-keys-backfill.ts), once, after deploying
 * the code that reads them there. It uses the standard AWS environment (credentials, region, and
 * `AWS_ENDPOINT_URL_DYNAMODB` for the local cloud's DynamoDB).
 */
import { createDocumentClient } from '../functions/lib/dynamo-client.ts';
import { backfillOverlayKeys } from '../functions/lib/overlay-keys-backfill.ts';

const [tableName] = process.argv.slice(2);
if (!tableName) {
  console.error('usage: npm run backfill:overlay-keys -- <table name>');
  process.exit(2);
}
const client = createDocumentClient({ ...process.env, AWS_REGION: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1' });
const { rooms, upgraded } = await backfillOverlayKeys(client, tableName);
console.log(`${upgraded} overlays given gsi1 keys, in ${rooms} rooms`);
client.destroy();

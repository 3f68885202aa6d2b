import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { overlayTimelineSk, roomTimelinePk } from './message-item.ts';
import { overlaysPk } from './overlay-item.ts';
import { ROOMS_PK } from './room-item.ts';

/**
 * A one-off upgrade of a table written before overlays had gsi1 keys: a history page reads a
 * message's edits, delete and reactions from gsi1, beside the message, so an overlay without
 * those keys would leave its message showing as first sent (a deleted text included). For every
 * room (the `ROOMS` partition), every overlay of the room (`REACTS#<roomId>`) without them gets
 * them. Idempotent and safe beside live traffic: each update is conditional on the keys still
 * missing, and a change written meanwhile carries them already. Queries only, no Scan: it reads
 * the rooms and their overlays, and writes 2 WRU per overlay it upgrades.
 */
export async function backfillOverlayKeys(client: DynamoDBDocumentClient, tableName: string): Promise<{ rooms: number; upgraded: number }> {
  let rooms = 0;
  let upgraded = 0;
  for await (const room of query(client, tableName, ROOMS_PK, ['id'])) {
    const roomId = room.id;
    if (typeof roomId !== 'string') continue;
    rooms += 1;
    for await (const overlay of query(client, tableName, overlaysPk(roomId), ['pk', 'sk', 'gsi1pk'])) {
      if (overlay.gsi1pk !== undefined) continue;
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: overlay.pk, sk: overlay.sk },
            UpdateExpression: 'SET gsi1pk = :pk, gsi1sk = :sk',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(gsi1pk)',
            ExpressionAttributeValues: { ':pk': roomTimelinePk(roomId), ':sk': overlayTimelineSk(overlay.sk as string) },
          }),
        );
        upgraded += 1;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }
  return { rooms, upgraded };
}

/** Every item of partition `pk`, page by page, with only the attributes named. */
async function* query(client: DynamoDBDocumentClient, tableName: string, pk: string, attributes: string[]): AsyncGenerator<Record<string, unknown>> {
  const names = Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name]));
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { ...names, '#pk': 'pk' },
        ExpressionAttributeValues: { ':pk': pk },
        ProjectionExpression: Object.keys(names).join(', '),
        ExclusiveStartKey: startKey,
      }),
    );
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

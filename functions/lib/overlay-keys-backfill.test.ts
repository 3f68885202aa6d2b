import { randomBytes } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LambdaTable, startLambdaTable, TABLE } from '../../tests/support/lambda-table.ts';
import { createMessageIdGenerator } from './message-id.ts';
import { fromMessageItem, toMessageItem } from './message-item.ts';
import { toOverlayItem } from './overlay-item.ts';
import { backfillOverlayKeys } from './overlay-keys-backfill.ts';
import { createRoomStore } from './room-store.ts';
import { readTimeline } from './timeline-query.ts';

const author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };

describe('giving overlays stored before gsi1 keys their keys (dynalite)', () => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;

  beforeAll(async () => {
    table = await startLambdaTable();
    db = table.db;
  }, 90_000);

  afterAll(async () => {
    await table?.close();
  });

  it('makes a page read a deleted message as deleted again, in every room, once', async () => {
    const nextId = createMessageIdGenerator(randomBytes);
    const put = (Item: Record<string, unknown>) => db.send(new PutCommand({ TableName: TABLE, Item }));
    const ids: Record<string, string> = {};
    for (const roomId of ['backfill-a', 'backfill-b']) {
      await createRoomStore(db, TABLE).create({ id: roomId, name: roomId, now: new Date().toISOString() });
      const id = nextId(Date.now());
      ids[roomId] = id;
      await put({ ...toMessageItem({ id, roomId, text: 'regrettable', author, createdAt: new Date().toISOString(), clientMsgId: `c-${roomId}` }) });
      // As an overlay was stored before it had gsi1 keys.
      const { gsi1pk: _pk, gsi1sk: _sk, ...legacy } = toOverlayItem(roomId, id, { v: 1, x: new Date().toISOString() });
      await put(legacy);
    }
    const deletedIn = async (roomId: string) => {
      const read = await readTimeline(db, TABLE, roomId, null, true, 10);
      return read.messages.map((item) => [fromMessageItem(item).id, read.overlays.get(fromMessageItem(item).id)?.x !== undefined]);
    };
    const before = await deletedIn('backfill-a');

    const first = await backfillOverlayKeys(db, TABLE);
    const again = await backfillOverlayKeys(db, TABLE);

    expect(before).toEqual([[ids['backfill-a'], false]]);
    expect(await deletedIn('backfill-a')).toEqual([[ids['backfill-a'], true]]);
    expect(await deletedIn('backfill-b')).toEqual([[ids['backfill-b'], true]]);
    expect(first).toEqual({ rooms: 2, upgraded: 2 });
    expect(again).toEqual({ rooms: 2, upgraded: 0 });
  });
});

import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room, RoomList } from '../../core/history-api.ts';
/* eslint-disable no-restricted-imports -- tests run the real embedded DynamoDB server of the local cloud */
import type { DynamoEngine } from 'appsync-events-local';
import { httpEvent } from '../../tests/support/http-event.ts';
import { type LambdaTable, startLambdaTable } from '../../tests/support/lambda-table.ts';
/* eslint-enable no-restricted-imports */
import { roomKey } from '../lib/room-store.ts';
import { createHistoryHandler, type History } from './history.ts';

const TABLE = 'parley';
const claims = { sub: 'sub-ada', 'cognito:groups': '[members]' };

/** A room item as create-room writes it, archived when a moderator archived it. */
function roomItem(id: string, archived: boolean): Record<string, unknown> {
  return { ...roomKey(id), type: 'room', id, name: id.toUpperCase(), createdAt: '2026-12-01T00:00:00.000Z', nameKeys: [id], ...(archived ? { archivedAt: '2026-12-02T00:00:00.000Z' } : {}) };
}

describe.each<DynamoEngine>(['dynalite', 'dynamodb-local'])('the room list and a room on %s', (engine) => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;
  let history: History;
  const visible: string[] = [];

  const call = async (routeKey: string, request: { path?: Record<string, string>; query?: Record<string, string> } = {}) => {
    const result = await history(httpEvent(routeKey, { ...request, claims }));
    return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as RoomList & Room & { message?: string } };
  };

  beforeAll(async () => {
    table = await startLambdaTable(engine);
    db = table.db;
    history = createHistoryHandler(table.env);
    // 200 rooms; archived: every third one, and a run of 150 after the 60th visible one, longer
    // than a page, so a page must read past a whole page of hidden rooms to fill itself.
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < 200; i += 1) {
      const id = `r-${String(i).padStart(3, '0')}`;
      const archived = i % 3 === 2;
      items.push(roomItem(id, archived));
      if (!archived) visible.push(id);
      if (i === 90) for (let j = 0; j < 150; j += 1) items.push(roomItem(`${id}-hidden-${String(j).padStart(3, '0')}`, true));
    }
    for (let i = 0; i < items.length; i += 25) {
      await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
  }, 120_000);

  afterAll(async () => {
    await table?.close();
  });

  it('leaves archived rooms out of every page and still pages every other room once, 100 at a time', async () => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const { status, body } = await call('GET /rooms', cursor === undefined ? {} : { query: { cursor } });
      expect(status).toBe(200);
      pages.push(body.items.map((room) => room.id));
      cursor = body.nextCursor;
    } while (cursor !== undefined);

    expect(pages.map((page) => page.length)).toEqual([100, visible.length - 100]);
    expect(pages.flat()).toEqual(visible);
  });

  it('answers a room by its id, archived or not, and says which', async () => {
    const open = await call('GET /rooms/{roomId}', { path: { roomId: 'r-000' } });
    const archived = await call('GET /rooms/{roomId}', { path: { roomId: 'r-002' } });

    expect(open).toEqual({ status: 200, body: { id: 'r-000', name: 'R-000', kind: 'public', lastMessageAt: null } });
    expect(archived).toEqual({ status: 200, body: { id: 'r-002', name: 'R-002', kind: 'public', lastMessageAt: null, archived: true } });
  });

  it('answers 404 for a room that does not exist and 400 for an id no room can have', async () => {
    expect(await call('GET /rooms/{roomId}', { path: { roomId: 'never-made' } })).toEqual({ status: 404, body: { message: 'Room never-made not found' } });
    expect(await call('GET /rooms/{roomId}', { path: { roomId: 'Not A Room' } })).toEqual({ status: 400, body: { message: 'Invalid room id' } });
  });
});

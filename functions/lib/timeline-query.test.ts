import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../core/messages.ts';
import { type LambdaTable, startLambdaTable, TABLE } from '../../tests/support/lambda-table.ts';
import { createMessageIdGenerator } from './message-id.ts';
import { fromMessageItem, toMessageItem } from './message-item.ts';
import { toOverlayItem } from './overlay-item.ts';
import { createOverlayStore } from './overlay-store.ts';
import { readTimeline, type TimelineBound } from './timeline-query.ts';

const author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };

describe('a room timeline read with its overlays (gsi1 on dynalite)', () => {
  let table: LambdaTable;
  let db: DynamoDBDocumentClient;

  beforeAll(async () => {
    table = await startLambdaTable();
    db = table.db;
  }, 90_000);

  afterAll(async () => {
    await table?.close();
  });

  /** `count` messages in `roomId`, oldest first; those `changed` picks get an overlay naming them. */
  async function seed(roomId: string, count: number, changed: (i: number) => boolean, w = 0): Promise<string[]> {
    const nextId = createMessageIdGenerator(randomBytes);
    const start = Date.UTC(2026, 0, 1);
    const items: Record<string, unknown>[] = [];
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const id = nextId(start + i);
      ids.push(id);
      const message: ChatMessage = { id, roomId, text: `message ${i}`, author, createdAt: new Date(start + i).toISOString(), clientMsgId: `c-${i}` };
      items.push({ ...toMessageItem(message) });
      if (changed(i)) items.push(toOverlayItem(roomId, id, { v: 1, w, t: `edited ${i}`, e: new Date(start + i).toISOString() }));
    }
    for (let i = 0; i < items.length; i += 25) {
      await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    return ids;
  }

  /** Every page from one end to the other, as the history API pages: messages with their overlay's text. */
  async function walk(roomId: string, newestFirst: boolean, size: number) {
    const pages: { ids: string[]; texts: (string | undefined)[] }[] = [];
    let bound: TimelineBound = null;
    for (;;) {
      const read = await readTimeline(db, TABLE, roomId, bound, newestFirst, size);
      const ids = read.messages.map((item) => fromMessageItem(item).id);
      pages.push({ ids, texts: ids.map((id) => read.overlays.get(id)?.t) });
      if (!read.hasMore) return pages;
      bound = { condition: newestFirst ? '<' : '>', id: ids.at(-1)! };
    }
  }

  it.each([
    ['no message changed', () => false],
    ['every message changed', () => true],
    ['every third message changed', (i: number) => i % 3 === 0],
  ])('pages through a room where %s, each message once and with its overlay, in both directions', async (_name, changed) => {
    const roomId = `timeline-${Math.random().toString(36).slice(2, 8)}`;
    const ids = await seed(roomId, 23, changed);
    const expected = ids.map((_, i) => (changed(i) ? `edited ${i}` : undefined));

    for (const size of [1, 4, 10, 23, 50]) {
      const forward = await walk(roomId, false, size);
      const backward = await walk(roomId, true, size);

      expect(forward.flatMap((p) => p.ids)).toEqual(ids);
      expect(forward.flatMap((p) => p.texts)).toEqual(expected);
      expect(backward.flatMap((p) => p.ids)).toEqual([...ids].reverse());
      expect(backward.flatMap((p) => p.texts)).toEqual([...expected].reverse());
      expect(forward.every((p, i) => p.ids.length === (i === forward.length - 1 ? 23 - size * (forward.length - 1) : size))).toBe(true);
    }
  });

  it('lists a span’s overlays changed since a time, and gives up past a read bound', async () => {
    const roomId = `changed-${Math.random().toString(36).slice(2, 8)}`;
    const early = await seed(roomId, 6, () => true, 1_000);
    const overlays = createOverlayStore(db, TABLE);
    await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: [{ PutRequest: { Item: toOverlayItem(roomId, early[2]!, { v: 2, w: 5_000, t: 'late' }) } }] } }));
    const { w: _unrecorded, ...before } = { v: 1, w: 0, t: 'from before w was recorded' };
    await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: [{ PutRequest: { Item: toOverlayItem(roomId, early[4]!, before) } }] } }));

    const since = await overlays.changedSince(roomId, early[1]!, early[4]!, 2_000, 10);
    const bounded = await overlays.changedSince(roomId, early[0]!, early[5]!, 2_000, 5);

    expect([...since!].map(([id, overlay]) => [id, overlay.t])).toEqual([
      [early[2], 'late'],
      [early[4], 'from before w was recorded'],
    ]);
    expect(bounded).toBeNull();
  });
});

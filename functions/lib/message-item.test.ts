import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../core/messages.ts';
import { dynamoItemSize } from './item-size.ts';
import { createMessageIdGenerator } from './message-id.ts';
import { authorMessagesSkPrefix, authorPk, fromMessageItem, messageKey, removedIndexKeys, toHistoryItem, toMessageItem } from './message-item.ts';

const at = Date.UTC(2025, 5, 1, 12, 30, 15, 123);
const nextId = createMessageIdGenerator(randomBytes);
const sub = '3f0c6a1e-8d2b-4c5e-9f7a-1b2c3d4e5f60';
const TYPICAL_TEXT = 'A typical chat line of about a hundred characters, give or take a few words here and there. 🙂';

function message(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: nextId(at),
    roomId: 'release-planning',
    text: 'hello',
    author: { sub, handle: 'ada_lovelace', displayName: 'Ada Lovelace', moderator: false },
    createdAt: new Date(at).toISOString(),
    clientMsgId: '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d',
    ...overrides,
  };
}

/** The layout every item had before the compact one; tables and local data still hold such items. */
function legacyItem(m: ChatMessage, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const username = m.author.sub;
  return {
    pk: `AUTHOR#${m.author.sub}`,
    sk: `MSG#${m.roomId}#${m.clientMsgId}`,
    gsi1pk: `ROOM#${m.roomId}`,
    gsi1sk: `MSG#${m.id}`,
    type: 'message',
    id: m.id,
    roomId: m.roomId,
    text: m.text,
    author: { sub: m.author.sub, username, displayName: m.author.displayName },
    createdAt: m.createdAt,
    clientMsgId: m.clientMsgId,
    ...extra,
  };
}

describe('message items', () => {
  it('stores the text and the author\'s handle and display name beside the keys, and nothing the keys hold', () => {
    const m = message();

    const item = { ...toMessageItem(m) };

    expect(item).toEqual({
      pk: `AUTHOR#${sub}`,
      sk: `MSG#release-planning#${m.clientMsgId}`,
      gsi1pk: 'ROOM#release-planning',
      gsi1sk: `MSG#${m.id}`,
      t: 'hello',
      h: 'ada_lovelace',
      d: 'Ada Lovelace',
    });
    expect(fromMessageItem(item)).toEqual(m);
  });

  it('marks a moderator\'s message with m, and only theirs', () => {
    const m = message({ author: { sub, handle: 'morgan', displayName: 'Morgan', moderator: true } });

    const item = { ...toMessageItem(m) };

    expect(item).toMatchObject({ h: 'morgan', d: 'Morgan', m: true });
    expect(fromMessageItem(item)).toEqual(m);
    expect('m' in toMessageItem(message())).toBe(false);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a display name and a username', { u: 'ada', d: 'Ada' }, 'Ada'],
    ['a username only (the display name was the username)', { u: 'ada' }, 'ada'],
    ['neither (both were the sub)', {}, sub],
  ])('reads a message stored before handles with %s: no handle, no moderator, the name it was sent with', (_case, names, displayName) => {
    const m = message();
    const { h: _h, d: _d, ...keysAndText } = toMessageItem(m);

    const read = fromMessageItem({ ...keysAndText, ...names });

    expect(read).toEqual({ ...m, author: { sub, handle: '', displayName, moderator: false } });
  });

  it.each<[string, Partial<ChatMessage>, Record<string, unknown>]>([
    ['a createdAt before the id time (the clock stepped back)', { createdAt: new Date(at - 7).toISOString() }, { c: new Date(at - 7).toISOString() }],
    ['a createdAt in another ISO spelling', { createdAt: '2025-06-01T12:30:15.123+00:00' }, { c: '2025-06-01T12:30:15.123+00:00' }],
  ])('stores only what it cannot derive, for %s', (_case, overrides, stored) => {
    const m = message(overrides);

    const item = { ...toMessageItem(m) };

    expect(Object.fromEntries(Object.entries(item).filter(([name]) => name === 'c'))).toEqual(stored);
    expect(fromMessageItem(item)).toEqual(m);
  });

  it('round-trips the ids of one batch, which share a millisecond', () => {
    const batch = Array.from({ length: 5 }, (_, i) => message({ id: nextId(at), clientMsgId: `c-${i}` }));

    const read = batch.map((m) => fromMessageItem({ ...toMessageItem(m) }));

    expect(read).toEqual(batch);
    expect(batch.map((m) => 'c' in toMessageItem(m))).toEqual([false, false, false, false, false]);
  });

  it('keeps a typical message under the 321 B a 2 RCU page of 51 allows', () => {
    const typical = message({ text: TYPICAL_TEXT });

    const size = dynamoItemSize(toMessageItem(typical));

    // 51 items per 50-message page; 2 RCU = 4 × 4 KB = 16,384 B.
    expect(size).toBeLessThanOrEqual(Math.floor(16_384 / 51));
    expect(dynamoItemSize(legacyItem(typical))).toBeGreaterThan(16_384 / 51);
  });

  it('reads items in the old layout as they are, with no handle and as no moderator', () => {
    const m = message({ author: { sub, handle: '', displayName: 'Ada', moderator: false }, createdAt: new Date(at - 3).toISOString() });

    expect(fromMessageItem(legacyItem(m))).toEqual(m);
    expect(toHistoryItem(legacyItem(m))).toEqual(m);
  });

  it.each([
    ['compact', (m: ChatMessage) => ({ ...toMessageItem(m), status: 'removed' })],
    ['old', (m: ChatMessage) => legacyItem(m, { status: 'removed' })],
  ])('shows only the place of a removed message in the %s layout', (_layout, removedItem) => {
    const m = message();

    expect(toHistoryItem(removedItem(m))).toEqual({ id: m.id, roomId: m.roomId, createdAt: m.createdAt, removed: true });
  });

  it('never shows key or moderation attributes', () => {
    const m = message();
    const item = { ...toMessageItem(m), moderation: { action: 'message.restored' }, gsi2pk: 'x', gsi2sk: 'y' };

    expect(Object.keys(fromMessageItem(item)).sort()).toEqual(['author', 'clientMsgId', 'createdAt', 'id', 'roomId', 'text']);
  });

  it('builds the keys a moderation query reads by: the author partition, a room within it, the removed index', () => {
    const key = messageKey('release-planning', sub, 'c-1');

    expect(key.pk).toBe(authorPk(sub));
    expect(key.sk.startsWith(authorMessagesSkPrefix('release-planning'))).toBe(true);
    expect(key.sk.startsWith(authorMessagesSkPrefix())).toBe(true);
    expect(messageKey('release-planning-2', sub, 'c-1').sk.startsWith(authorMessagesSkPrefix('release-planning'))).toBe(false);
    expect([authorPk(sub), authorMessagesSkPrefix(), authorMessagesSkPrefix('lobby')]).toEqual([`AUTHOR#${sub}`, 'MSG#', 'MSG#lobby#']);
    expect(removedIndexKeys('01JX')).toEqual({ gsi2pk: 'STATUS#removed', gsi2sk: '01JX' });
  });
});

import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../core/messages.ts';
import { fromMessageItem, toMessageItem } from './message-item.ts';
import { currentMessage, deletedOverlay, editedOverlay, fromOverlayItem, isDeleted, type Overlay, overlaidHistoryItem, previousVersions, toOverlayItem } from './overlay-item.ts';

const ada = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };
const original: ChatMessage = {
  id: '01JF8Z5Y6Q7R8S9T0V1W2X3Y4Z',
  roomId: 'lobby',
  text: 'hello @bob',
  author: ada,
  createdAt: '2024-12-16T10:00:00.000Z',
  clientMsgId: 'c-1',
  mentions: [{ sub: 'sub-bob', handle: 'bob' }],
};
const item: Record<string, unknown> = { ...toMessageItem(original) };

describe('overlay edits and deletes', () => {
  it('keeps the original on the message item and every replaced text on the overlay, oldest first', () => {
    const first = editedOverlay(undefined, original, 'hello all', [], '2024-12-16T10:01:00.000Z')!;
    const second = editedOverlay(first, currentMessage(original, first), 'hello @cy', [{ sub: 'sub-cy', handle: 'cy' }], '2024-12-16T10:02:00.000Z')!;

    expect(second).toEqual({
      v: 0,
      t: 'hello @cy',
      e: '2024-12-16T10:02:00.000Z',
      n: [{ s: 'sub-cy', h: 'cy' }],
      pv: [{ at: '2024-12-16T10:01:00.000Z' }, { t: 'hello all', at: '2024-12-16T10:02:00.000Z' }],
    });
    expect(currentMessage(original, first)).toEqual({ ...original, mentions: undefined, text: 'hello all', editedAt: '2024-12-16T10:01:00.000Z' });
    expect('mentions' in currentMessage(original, first)).toBe(false);
    expect(currentMessage(original, second).mentions).toEqual([{ sub: 'sub-cy', handle: 'cy' }]);
    expect(previousVersions(item, second)).toEqual([
      { text: 'hello @bob', replacedAt: '2024-12-16T10:01:00.000Z' },
      { text: 'hello all', replacedAt: '2024-12-16T10:02:00.000Z' },
    ]);
  });

  it('writes nothing for the same text again or a second delete, and keeps reactions through both', () => {
    const reacted: Overlay = { v: 3, r: [{ e: '👍', s: ['sub-bob'] }] };
    const edited = editedOverlay(reacted, original, 'changed', [], '2024-12-16T10:01:00.000Z')!;
    const deleted = deletedOverlay(edited, '2024-12-16T10:02:00.000Z')!;

    expect(editedOverlay(edited, currentMessage(original, edited), 'changed', [], '2024-12-16T10:03:00.000Z')).toBeNull();
    expect(deletedOverlay(deleted, '2024-12-16T10:03:00.000Z')).toBeNull();
    expect(deleted).toMatchObject({ r: reacted.r, t: 'changed', x: '2024-12-16T10:02:00.000Z' });
    expect(isDeleted(item, deleted)).toBe(true);
  });

  it('reads a message edited and deleted on its item, before overlays held edits, and continues its versions', () => {
    const legacy = { ...item, t: 'second', e: '2024-12-16T10:01:00.000Z', pv: [{ t: 'hello @bob', at: '2024-12-16T10:01:00.000Z' }] };
    const overlay = editedOverlay(undefined, fromMessageItem(legacy), 'third', [], '2024-12-16T10:02:00.000Z')!;

    expect(currentMessage(fromMessageItem(legacy), overlay)).toMatchObject({ text: 'third', editedAt: '2024-12-16T10:02:00.000Z' });
    expect(previousVersions(legacy, overlay).map((v) => v.text)).toEqual(['hello @bob', 'second']);
    expect(isDeleted({ ...item, x: '2024-12-16T10:03:00.000Z' }, undefined)).toBe(true);
  });
});

describe('overlaidHistoryItem', () => {
  it('answers a tombstone for a deleted message, the current text and reactions for an edited one, and leaves a removed one alone', () => {
    const overlay: Overlay = { v: 2, r: [{ e: '🎉', s: ['sub-bob', 'sub-ada'] }], t: 'better', e: '2024-12-16T10:01:00.000Z', pv: [{ at: '2024-12-16T10:01:00.000Z' }] };
    const removed = { id: original.id, roomId: original.roomId, createdAt: original.createdAt, removed: true as const };

    expect(overlaidHistoryItem(original, { ...overlay, x: '2024-12-16T10:02:00.000Z' }, 'sub-ada')).toEqual({ id: original.id, roomId: 'lobby', createdAt: original.createdAt, deleted: true });
    expect(overlaidHistoryItem(original, overlay, 'sub-ada')).toEqual({
      ...original,
      mentions: undefined,
      text: 'better',
      editedAt: '2024-12-16T10:01:00.000Z',
      reactions: [{ emoji: '🎉', count: 2, mine: true }],
    });
    expect(overlaidHistoryItem(removed, overlay, 'sub-ada')).toBe(removed);
    expect(overlaidHistoryItem(original, undefined, 'sub-ada')).toBe(original);
  });

  it('stores only the attributes that apply and reads them back', () => {
    const overlay: Overlay = { v: 1, w: 1_734_343_260_000, r: [], t: 'x', pv: [{ at: '2024-12-16T10:01:00.000Z' }] };
    const { w: _w, ...unrecorded } = overlay;
    // In the table by message id, and in gsi1 right after its message.
    const keys = { pk: 'REACTS#lobby', sk: original.id, gsi1pk: 'ROOM#lobby', gsi1sk: `MSG#${original.id}~` };

    expect(toOverlayItem('lobby', original.id, overlay)).toEqual({ ...keys, v: 1, w: overlay.w, t: 'x', pv: overlay.pv });
    expect(fromOverlayItem(toOverlayItem('lobby', original.id, overlay))).toEqual({ v: 1, w: overlay.w, t: 'x', pv: overlay.pv });
    expect(fromOverlayItem(toOverlayItem('lobby', original.id, unrecorded))).toEqual({ v: 1, t: 'x', pv: overlay.pv });
  });
});

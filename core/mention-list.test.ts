import { describe, expect, it } from 'vitest';
import { checkMentionList } from './mention-list.ts';
import type { MentionNotice } from './mention-notice.ts';

const notice: MentionNotice = {
  type: 'mention',
  roomId: 'lobby',
  messageId: '01KBXQ3H2Z8D6V4N1M0P7R5T3W',
  author: { sub: 'sub-ada', handle: 'ada', displayName: 'Ada' },
  excerpt: 'hi @bob',
};

describe('checkMentionList', () => {
  it('accepts a page, keeping known fields only, with or without a cursor', () => {
    expect(checkMentionList({ items: [{ ...notice, extra: 1 }], nextCursor: notice.messageId, more: true })).toEqual({ ok: true, value: { items: [notice], nextCursor: notice.messageId } });
    expect(checkMentionList({ items: [] })).toEqual({ ok: true, value: { items: [] } });
  });

  it('accepts withdrawals among the mentions, in their order', () => {
    const withdrawal = { type: 'mention.withdrawn', roomId: 'lobby', messageId: notice.messageId };

    expect(checkMentionList({ items: [notice, { ...withdrawal, author: notice.author }] })).toEqual({ ok: true, value: { items: [notice, withdrawal] } });
    expect(checkMentionList({ items: [notice, { ...withdrawal, messageId: '' }] })).toEqual({ ok: false, error: 'items[1]: messageId: missing' });
  });

  it('leaves out an item of a kind it does not know, and still refuses one without a kind', () => {
    expect(checkMentionList({ items: [{ type: 'mention.pinned', roomId: 'lobby' }, notice] })).toEqual({ ok: true, value: { items: [notice] } });
    expect(checkMentionList({ items: [{ roomId: 'lobby' }] })).toEqual({ ok: false, error: 'items[0]: not a mention notice' });
  });

  it.each([
    [null, 'items: not a list'],
    [{ items: {} }, 'items: not a list'],
    [{ items: [notice, { ...notice, roomId: '' }] }, 'items[1]: roomId: not a room id'],
    [{ items: [], nextCursor: 'later' }, 'nextCursor: not a message id'],
  ])('refuses %j', (value, error) => {
    expect(checkMentionList(value)).toEqual({ ok: false, error });
  });
});

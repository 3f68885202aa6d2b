import { describe, expect, it } from 'vitest';
import { userChannel, userChannelSubFromSegments } from './channels.ts';
import type { ChatMessage } from './messages.ts';
import {
  checkMentionEvent,
  checkMentionNotice,
  checkMentionWithdrawal,
  MENTION_EXCERPT_MAX_LENGTH,
  mentionNoticeOf,
  mentionRecipients,
  mentionWithdrawalOf,
  newMentionRecipients,
  withdrawalRecipients,
} from './mention-notice.ts';

const ada = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };
const message = (text: string, mentions: { sub: string; handle: string }[]): ChatMessage => ({
  id: 'm-1',
  roomId: 'lobby',
  text,
  author: ada,
  createdAt: '2026-01-01T00:00:00.000Z',
  clientMsgId: 'c-1',
  mentions,
});

describe('mention notices', () => {
  it('notifies each mentioned member once, never the author', () => {
    const m = message('@bob @ada @cy @bob', [
      { sub: 'sub-bob', handle: 'bob' },
      { sub: 'sub-ada', handle: 'ada' },
      { sub: 'sub-cy', handle: 'cy' },
      { sub: 'sub-bob', handle: 'bob' },
    ]);

    expect(mentionRecipients(m)).toEqual(['sub-bob', 'sub-cy']);
    expect(mentionRecipients({ ...m, mentions: undefined })).toEqual([]);
  });

  it('notifies of an edit only the members the replaced text did not mention, never the author', () => {
    const bob = { sub: 'sub-bob', handle: 'bob' };
    const cy = { sub: 'sub-cy', handle: 'cy' };
    const replaced = message('hi @bob', [bob]);

    expect(newMentionRecipients(message('hi @bob and @cy, says @ada', [bob, cy, { sub: 'sub-ada', handle: 'ada' }]), replaced)).toEqual(['sub-cy']);
    expect(newMentionRecipients(message('hi again @bob', [bob]), replaced)).toEqual([]);
    expect(newMentionRecipients(message('hi @cy', [cy]), { ...replaced, mentions: undefined })).toEqual(['sub-cy']);
    expect(newMentionRecipients(message('hi all', []), replaced)).toEqual([]);
  });

  it('carries the author without the moderator mark and an excerpt cut by code points', () => {
    const text = '😀'.repeat(MENTION_EXCERPT_MAX_LENGTH + 5);

    const notice = mentionNoticeOf(message(text, []));

    expect(notice).toMatchObject({ type: 'mention', roomId: 'lobby', messageId: 'm-1', author: { sub: 'sub-ada', handle: 'ada', displayName: 'Ada' } });
    expect(notice.author).not.toHaveProperty('moderator');
    expect(notice.excerpt).toBe('😀'.repeat(MENTION_EXCERPT_MAX_LENGTH));
    expect(checkMentionNotice(notice)).toEqual({ ok: true, value: notice });
  });

  it.each([
    ['another type', { type: 'typing' }],
    ['a bad room id', { roomId: 'Lobby!' }],
    ['no message id', { messageId: '' }],
    ['an author without a name', { author: { sub: 's', handle: 'h' } }],
    ['a long excerpt', { excerpt: 'x'.repeat(MENTION_EXCERPT_MAX_LENGTH + 1) }],
    ['an excerpt that is not text', { excerpt: 5 }],
  ])('refuses %s', (_case, change) => {
    const valid = mentionNoticeOf(message('hi @bob', []));

    expect(checkMentionNotice({ ...valid, ...change }).ok).toBe(false);
  });

  it('keeps only known fields', () => {
    const valid = mentionNoticeOf(message('hi @bob', []));

    const checked = checkMentionNotice({ ...valid, extra: 1, author: { ...valid.author, moderator: true } });

    expect(checked).toEqual({ ok: true, value: valid });
  });
});

describe('mention withdrawals', () => {
  const bob = { sub: 'sub-bob', handle: 'bob' };
  const cy = { sub: 'sub-cy', handle: 'cy' };

  it('go to whom the first text or the last edit mentioned, each once, never the author', () => {
    const original = message('@bob @ada', [bob, { sub: ada.sub, handle: 'ada' }]);
    const last = { ...message('@cy and @bob', [cy, bob]) };

    expect(withdrawalRecipients(original, last)).toEqual(['sub-bob', 'sub-cy']);
    expect(withdrawalRecipients(message('no one', []), message('still no one', []))).toEqual([]);
  });

  it('name the room and the message, and are read back by type', () => {
    const withdrawal = mentionWithdrawalOf(message('hi @bob', [bob]));

    expect(withdrawal).toEqual({ type: 'mention.withdrawn', roomId: 'lobby', messageId: 'm-1' });
    expect(checkMentionWithdrawal({ ...withdrawal, excerpt: 'x' })).toEqual({ ok: true, value: withdrawal });
    expect(checkMentionEvent(withdrawal)).toEqual({ ok: true, value: withdrawal });
    expect(checkMentionEvent(mentionNoticeOf(message('hi @bob', [bob])))).toMatchObject({ ok: true, value: { type: 'mention' } });
  });

  it.each([
    [{ type: 'mention.withdrawn', roomId: '', messageId: 'm-1' }, 'roomId: not a room id'],
    [{ type: 'mention.withdrawn', roomId: 'lobby' }, 'messageId: missing'],
    [{ type: 'mention.gone', roomId: 'lobby', messageId: 'm-1' }, 'not a mention withdrawal'],
  ])('refuse %j', (value, error) => {
    expect(checkMentionWithdrawal(value)).toEqual({ ok: false, error });
  });
});

describe('user channels', () => {
  it('names a member\'s channel and reads the sub back', () => {
    expect(userChannel('0b5e-42')).toBe('/signals/users/0b5e-42');
    expect(userChannelSubFromSegments(['signals', 'users', '0b5e-42'])).toBe('0b5e-42');
  });

  it.each([
    [['signals', 'users', '*']],
    [['signals', 'users']],
    [['signals', 'users', 'a', 'b']],
    [['chat', 'users', 'a']],
    [['signals', 'rooms', 'a']],
    [['signals', 'users', 'x'.repeat(51)]],
  ])('reads no sub from %j', (segments) => {
    expect(userChannelSubFromSegments(segments)).toBeNull();
  });
});

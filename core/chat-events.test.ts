import { describe, expect, it } from 'vitest';
import { isSingleEmoji } from './emoji.ts';
import { toChatEvent } from './timeline-events.ts';
import { hasEmojiShape, validateChatEvent } from './validate-message.ts';

const MESSAGE_ID = '01KBZ3Y4D2M8Q6T0V9X7W5R3N1';
const author = { sub: 's', handle: 'h', displayName: 'H', moderator: false };

describe('validateChatEvent', () => {
  it('accepts each type with only its known fields, the text sanitized', () => {
    expect(validateChatEvent({ type: 'edit', messageId: MESSAGE_ID, text: ' fixed\u0007 ', author: { sub: 'forged' } })).toEqual({
      ok: true,
      event: { type: 'edit', messageId: MESSAGE_ID, text: 'fixed' },
    });
    expect(validateChatEvent({ type: 'delete', messageId: MESSAGE_ID, text: 'ignored' })).toEqual({ ok: true, event: { type: 'delete', messageId: MESSAGE_ID } });
    expect(validateChatEvent({ type: 'reaction', messageId: MESSAGE_ID, emoji: '👍🏽', add: true })).toEqual({
      ok: true,
      event: { type: 'reaction', messageId: MESSAGE_ID, emoji: '👍🏽', add: true },
    });
    expect(validateChatEvent({ type: 'message', clientMsgId: '00000000-0000-4000-8000-000000000001', text: 'hi', replyTo: MESSAGE_ID })).toEqual({
      ok: true,
      event: { type: 'message', clientMsgId: '00000000-0000-4000-8000-000000000001', text: 'hi', replyTo: MESSAGE_ID },
    });
  });

  it.each([
    [{ type: 'pin', messageId: MESSAGE_ID }, 'type must be'],
    [{ type: 'edit', messageId: 'nope', text: 'x' }, 'messageId must be a message id'],
    [{ type: 'edit', messageId: MESSAGE_ID }, 'text must be a string'],
    [{ type: 'edit', messageId: MESSAGE_ID, text: '\u0007 ' }, 'text is empty'],
    [{ type: 'reaction', messageId: MESSAGE_ID, emoji: 'ok', add: true }, 'emoji must be one emoji'],
    [{ type: 'reaction', messageId: MESSAGE_ID, emoji: '<img src=x onerror=alert(1)>', add: true }, 'emoji must be one emoji'],
    [{ type: 'reaction', messageId: MESSAGE_ID, emoji: '👍', add: 'yes' }, 'add must be a boolean'],
    [{ type: 'message', clientMsgId: '00000000-0000-4000-8000-000000000001', text: 'hi', replyTo: 'x' }, 'replyTo must be a message id'],
  ])('refuses %j', (payload, error) => {
    const result = validateChatEvent(payload);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(error);
  });
});

describe('emoji', () => {
  it.each(['👍', '👍🏽', '👩‍👩‍👧‍👦', '🏳️‍🌈', '❤️', '🇫🇷', '👩🏽‍❤️‍💋‍👨🏾'])('takes %s as one emoji', (emoji) => {
    expect(hasEmojiShape(emoji)).toBe(true);
    expect(isSingleEmoji(emoji)).toBe(true);
  });

  it.each(['👍👍', '👍 ', 'a', '', '\u200D', '✓', '👍\u202E'])('refuses %j', (value) => {
    expect(isSingleEmoji(value)).toBe(false);
  });
});

describe('toChatEvent for changes', () => {
  it('reads message.edited only with editedAt, message.deleted, and a well-formed reaction.changed', () => {
    const message = { id: MESSAGE_ID, roomId: 'lobby', text: 't', author, createdAt: '2026-01-01T00:00:00.000Z', clientMsgId: 'c' };
    expect(toChatEvent({ type: 'message.edited', message }, 'lobby')).toBeNull();
    expect(toChatEvent({ type: 'message.edited', message: { ...message, editedAt: '2026-01-01T00:01:00.000Z' } }, 'lobby')?.type).toBe('message.edited');
    expect(toChatEvent({ type: 'message.deleted', roomId: 'lobby', id: MESSAGE_ID }, 'lobby')).toEqual({ type: 'message.deleted', roomId: 'lobby', id: MESSAGE_ID });
    expect(toChatEvent({ type: 'reaction.changed', roomId: 'lobby', id: MESSAGE_ID, emoji: '👍', count: 1, author, add: true }, 'lobby')?.type).toBe('reaction.changed');
    expect(toChatEvent({ type: 'reaction.changed', roomId: 'lobby', id: MESSAGE_ID, emoji: '👍', count: -1, author, add: true }, 'lobby')).toBeNull();
    expect(toChatEvent({ type: 'message.created', message: { ...message, replyTo: { id: 'x' } } }, 'lobby')).toBeNull();
  });
});

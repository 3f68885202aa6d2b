import { describe, expect, it } from 'vitest';
import { formatEventError } from '../../core/event-errors.ts';
import { describeSendFailure } from './send-failure.ts';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const IN_TEN_MINUTES = '2026-11-30T12:10:00.000Z';
const IN_EIGHT_SECONDS = '2026-11-30T12:00:08.000Z';

describe('describeSendFailure', () => {
  it('shows a failure that carries no code, such as a network error, with a Retry', () => {
    expect(describeSendFailure('Network error', NOW)).toEqual({ text: 'Not sent: Network error', retryable: true });
    expect(describeSendFailure(undefined, NOW)).toEqual({ text: 'Not sent', retryable: true });
  });

  it.each([
    ['INTERNAL', 'Message not stored; please retry'],
    ['CONSISTENCY', 'Message c-1 vanished after a conflicting write'],
    ['UNAVAILABLE', 'Message not stored; please retry'],
  ] as const)('offers a Retry at once when storing failed (%s)', (code, detail) => {
    expect(describeSendFailure(formatEventError(code, detail), NOW)).toEqual({ text: 'Not sent: the server could not store it', retryable: true });
  });

  it('offers no Retry for a room that does not exist', () => {
    const failure = describeSendFailure(formatEventError('NOT_FOUND', 'Room lobby does not exist; create it with POST /rooms'), NOW);

    expect(failure).toEqual({ text: 'Not sent: this room does not exist (any more)', retryable: false });
  });

  it('offers a Retry after re-reading the room for a message sent on a private room\'s old channel', () => {
    const failure = describeSendFailure(formatEventError('ROOM_MOVED', 'Room p-0123456789abcdefghjkmnpqrs has a new channel'), NOW);

    expect(failure).toEqual({ text: 'Not sent: the room changed its members; retry to send it again', retryable: true, rereadRoom: true });
  });

  it('offers no Retry for a message a moderator removed', () => {
    const failure = describeSendFailure(formatEventError('MESSAGE_REMOVED', 'Message c-1 was removed by a moderator'), NOW);

    expect(failure).toEqual({ text: 'Not sent: a moderator removed this message', retryable: false });
  });

  it('offers no Retry for a message to a room a moderator archived', () => {
    const failure = describeSendFailure(formatEventError('ROOM_ARCHIVED', 'Room lobby is archived; it is read-only'), NOW);

    expect(failure).toEqual({ text: 'Not sent: a moderator archived this room; it is read-only', retryable: false });
  });

  it('offers no Retry for a message the server refused, and says why', () => {
    const failure = describeSendFailure(formatEventError('BAD_REQUEST', 'text must be at most 4000 characters (it has 4001)'), NOW);

    expect(failure).toEqual({ text: 'Not sent: the server does not accept this message; text must be at most 4000 characters (it has 4001)', retryable: false });
  });

  it('says until when a muted sender is muted, and offers no Retry before then', () => {
    const failure = describeSendFailure(formatEventError('MUTED', 'you are muted', IN_TEN_MINUTES), NOW, 'en-GB');

    expect(failure.retryable).toBe(false);
    expect(failure.retryAt).toBe(IN_TEN_MINUTES);
    expect(failure.text).toMatch(/^Not sent: a moderator muted you until .+ \(in 10 minutes\)$/);
    expect(failure.text).not.toContain('MUTED');
  });

  it('offers the Retry again once the mute has ended', () => {
    const failure = describeSendFailure(formatEventError('MUTED', 'you are muted', IN_TEN_MINUTES), Date.parse(IN_TEN_MINUTES));

    expect(failure).toEqual({ retryable: true, text: 'Not sent: you were muted; your mute has ended, so you can retry' });
  });

  it('says in how many seconds a rate-limited sender can retry, and offers no Retry before then', () => {
    const failure = describeSendFailure(formatEventError('RATE_LIMITED', 'more than 20 messages in 10 s', IN_EIGHT_SECONDS), NOW);

    expect(failure).toEqual({ text: 'Not sent: you are sending too fast; you can retry in 8 seconds', retryable: false, retryAt: IN_EIGHT_SECONDS });
  });

  it('gives the clock time of a rate limit that lasts minutes', () => {
    const failure = describeSendFailure(formatEventError('RATE_LIMITED', 'more than 100 messages in 3600 s', IN_TEN_MINUTES), NOW, 'en-GB');

    expect(failure.text).toMatch(/^Not sent: you are sending too fast; you can retry at .+ \(in 10 minutes\)$/);
    expect(failure.retryable).toBe(false);
  });

  it('offers the Retry once the rate limit window has ended', () => {
    const failure = describeSendFailure(formatEventError('RATE_LIMITED', 'more than 20 messages in 10 s', IN_EIGHT_SECONDS), Date.parse(IN_EIGHT_SECONDS));

    expect(failure).toEqual({ text: 'Not sent: you were sending too fast; you can retry now', retryable: true });
  });

  it('offers a Retry for a timed failure whose time it cannot read', () => {
    expect(describeSendFailure('MUTED: you are muted; retry after tomorrow', NOW)).toEqual({ text: 'Not sent: a moderator muted you', retryable: true });
  });
});

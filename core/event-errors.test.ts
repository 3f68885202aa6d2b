import { describe, expect, it } from 'vitest';
import { EVENT_ERROR_RETRY, type EventErrorCode, formatEventError, isEventErrorCode, parseEventError } from './event-errors.ts';

const AT = '2026-11-30T14:35:00.000Z';

describe('per-event errors', () => {
  it('writes the code, then the detail', () => {
    expect(formatEventError('NOT_FOUND', 'Room lobby does not exist')).toBe('NOT_FOUND: Room lobby does not exist');
  });

  it('writes the time a timed retry becomes possible after the detail', () => {
    expect(formatEventError('MUTED', 'you are muted', AT)).toBe(`MUTED: you are muted; retry after ${AT}`);
  });

  it.each<[EventErrorCode, string, string | undefined]>([
    ['BAD_REQUEST', 'clientMsgId must be a UUID', undefined],
    ['NOT_FOUND', 'Room lobby does not exist; create it with POST /rooms', undefined],
    ['MESSAGE_REMOVED', 'Message c-1 was removed by a moderator', undefined],
    ['MESSAGE_NOT_FOUND', 'No message 01J000000000000000000000AB in this room', undefined],
    ['NOT_AUTHOR', 'Only the author may edit a message', undefined],
    ['MESSAGE_DELETED', 'Message 01J000000000000000000000AB was deleted', undefined],
    ['ROOM_ARCHIVED', 'Room lobby is archived; it is read-only', undefined],
    ['ROOM_MOVED', 'Room p-0123456789abcdefghjkmnpqrs has a new channel; read the room again', undefined],
    ['RATE_LIMITED', 'more than 3 messages in 60 s', AT],
    ['MUTED', 'you are muted', AT],
    ['INTERNAL', 'Message not stored', undefined],
    ['CONSISTENCY', 'Message c-1 vanished after a conflicting write', undefined],
    ['UNAVAILABLE', 'Message not stored; please retry', undefined],
  ])('reads back %s as it was written', (code, detail, retryAt) => {
    expect(parseEventError(formatEventError(code, detail, retryAt))).toEqual({ code, detail, ...(retryAt ? { retryAt } : {}) });
  });

  it('reads a code written without a detail', () => {
    expect(parseEventError('INTERNAL')).toEqual({ code: 'INTERNAL', detail: '' });
  });

  it.each([
    [undefined],
    [''],
    ['Network error'],
    ['No confirmation from the server'],
    ['RateLimited: more than 20 messages in 10 s; retry later'],
    ['Muted: you are muted until 2026-11-30T14:35:00.000Z'],
    ['muted: you are muted; retry after 2026-11-30T14:35:00.000Z'],
  ])('reads no per-event error from %j', (text) => {
    expect(parseEventError(text)).toBeNull();
  });

  it.each([
    ['MUTED: you are muted; retry after tomorrow'],
    ['MUTED: you are muted; retry after 2026-13-45T99:00:00.000Z'],
    ['MUTED: you are muted; retry after 2026-11-30T14:35:00Z'],
    ['MUTED: you are muted; retry after 2026-11-30T14:35:00.000Z and more'],
  ])('takes only a toISOString() time as the retry time: %j', (text) => {
    const error = parseEventError(text);

    expect(error?.code).toBe('MUTED');
    expect(error?.retryAt).toBeUndefined();
    expect(error?.detail).toBe(text.slice('MUTED: '.length));
  });

  it('never offers a retry for what would fail the same way, a timed one for limits, one now for failed storage, and one after a re-read for a moved room', () => {
    expect(EVENT_ERROR_RETRY).toEqual({
      BAD_REQUEST: 'never',
      NOT_FOUND: 'never',
      MESSAGE_NOT_FOUND: 'never',
      NOT_AUTHOR: 'never',
      MESSAGE_DELETED: 'never',
      MESSAGE_REMOVED: 'never',
      ROOM_ARCHIVED: 'never',
      ROOM_MOVED: 'reread',
      RATE_LIMITED: 'later',
      MUTED: 'later',
      INTERNAL: 'now',
      CONSISTENCY: 'now',
      UNAVAILABLE: 'now',
    });
  });

  it('knows its codes, and no HTTP-only one', () => {
    expect(isEventErrorCode('MUTED')).toBe(true);
    expect(isEventErrorCode('FORBIDDEN')).toBe(false);
    expect(isEventErrorCode('Muted')).toBe(false);
    expect(isEventErrorCode('room.archived')).toBe(false);
    expect(isEventErrorCode(undefined)).toBe(false);
  });
});

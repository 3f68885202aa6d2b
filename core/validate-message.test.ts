import { describe, expect, it } from 'vitest';
import { isUuid, MESSAGE_TEXT_MAX_LENGTH, validateMessage } from './validate-message.ts';

const ID = '123e4567-e89b-42d3-a456-426614174000';

describe('isUuid', () => {
  it.each([ID, ID.toUpperCase()])('accepts %s', (value) => {
    expect(isUuid(value)).toBe(true);
  });

  it.each([
    ['too short', ID.slice(1)],
    ['a dash out of place', '123e4567e-89b-42d3-a456-426614174000'],
    ['a non-hex digit', '123e4567-e89b-42d3-a456-42661417400g'],
    ['not a string', 42],
  ])('rejects %s', (_label, value) => {
    expect(isUuid(value)).toBe(false);
  });
});

describe('validateMessage', () => {
  it('keeps only type, clientMsgId and text', () => {
    const result = validateMessage({ type: 'message', clientMsgId: ID, text: ' hi ', author: { sub: 'forged' } });

    expect(result).toEqual({ ok: true, message: { type: 'message', clientMsgId: ID, text: 'hi' } });
  });

  it.each([
    ['a non-object', 'hello', 'Event payload must be an object'],
    ['an array', [], 'Event payload must be an object'],
    ['another type', { type: 'typing' }, 'Event payload type must be "message"'],
    ['a bad id', { type: 'message', clientMsgId: 'x', text: 'hi' }, 'clientMsgId must be a UUID'],
    ['blank text', { type: 'message', clientMsgId: ID, text: ' \n ' }, 'text is empty after removing whitespace and control characters'],
    ['control characters only', { type: 'message', clientMsgId: ID, text: '\u0000\u202E\u0007' }, 'text is empty after removing whitespace and control characters'],
    ['non-string text', { type: 'message', clientMsgId: ID, text: 5 }, 'text must be a string'],
    ['overlong text', { type: 'message', clientMsgId: ID, text: 'a'.repeat(MESSAGE_TEXT_MAX_LENGTH + 1) }, 'text must be at most 4000 characters (it has 4001)'],
  ])('rejects %s', (_label, payload, error) => {
    expect(validateMessage(payload)).toEqual({ ok: false, error });
  });
});

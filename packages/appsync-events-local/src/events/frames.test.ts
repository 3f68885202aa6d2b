import { describe, expect, it } from 'vitest';
import { parseClientFrame } from './frames.ts';

describe('parseClientFrame', () => {
  it('parses connection_init', () => {
    expect(parseClientFrame('{"type":"connection_init"}')).toEqual({ ok: true, frame: { type: 'connection_init' } });
  });

  it('parses a subscribe with case-insensitive authorization and ignores extra fields', () => {
    const text = JSON.stringify({ type: 'subscribe', id: 'a-1', channel: 'chat/x', authorization: { Authorization: 't' }, payload: {} });

    expect(parseClientFrame(text)).toEqual({
      ok: true,
      frame: { type: 'subscribe', id: 'a-1', channel: 'chat/x', authorization: { authorization: 't' } },
    });
  });

  it('parses a publish and leaves channel and events for the pipeline to check', () => {
    expect(parseClientFrame('{"type":"publish","id":"p","channel":7,"events":"x"}')).toEqual({
      ok: true,
      frame: { type: 'publish', id: 'p', channel: 7, events: 'x', authorization: null },
    });
  });

  it('parses an unsubscribe', () => {
    expect(parseClientFrame('{"type":"unsubscribe","id":"s+1_x"}')).toEqual({ ok: true, frame: { type: 'unsubscribe', id: 's+1_x' } });
  });

  it.each([
    ['invalid JSON', '{nope'],
    ['a JSON array', '[]'],
    ['a missing type', '{"id":"a"}'],
    ['a subscribe without id', '{"type":"subscribe","channel":"/chat/a"}'],
    ['a numeric id', '{"type":"publish","id":5}'],
  ])('answers %s with an error frame (BadRequestException)', (_, text) => {
    expect(parseClientFrame(text)).toEqual({ ok: false, reply: { type: 'error', errors: [{ errorType: 'BadRequestException', message: expect.any(String) }] } });
  });

  it('answers an unknown type with UnsupportedOperation, echoing the id', () => {
    expect(parseClientFrame('{"type":"start","id":"x"}')).toEqual({
      ok: false,
      reply: { type: 'error', id: 'x', errors: [{ errorType: 'UnsupportedOperation', message: expect.any(String) }] },
    });
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['bad characters', 'a b'],
    ['empty', ''],
  ])('answers an id that is %s with that operation\'s error frame', (_, id) => {
    expect(parseClientFrame(JSON.stringify({ type: 'subscribe', id, channel: '/chat/a' }))).toEqual({
      ok: false,
      reply: { type: 'subscribe_error', id, errors: [{ errorType: 'BadRequestException', message: expect.any(String) }] },
    });
  });

  it('accepts a 128-character id', () => {
    expect(parseClientFrame(JSON.stringify({ type: 'unsubscribe', id: 'a'.repeat(128) })).ok).toBe(true);
  });
});

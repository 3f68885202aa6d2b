import { describe, expect, it } from 'vitest';
import { ROOM_NAME_MAX_LENGTH } from '../../core/limits.ts';
import { BadRequestError } from '../lib/errors.ts';
import { parseRoomName, roomSlug } from './room-slug.ts';

describe('room names', () => {
  it.each([
    ['General', 'general'],
    ['  Café   Ops  ', 'cafe-ops'],
    ['rust & go!!', 'rust-go'],
    ['--edge--', 'edge'],
    ['Ünïcödé 2024', 'unicode-2024'],
    ['a'.repeat(49) + ' b', 'a'.repeat(49)],
  ])('slugs %j as %j', (name, id) => {
    expect(roomSlug(name)).toBe(id);
  });

  it('keeps the trimmed name and derives the id', () => {
    expect(parseRoomName({ name: '  Team   Chat ' })).toEqual({ id: 'team-chat', name: 'Team Chat' });
  });

  it('accepts a name as long as the app lets one be typed', () => {
    expect(parseRoomName({ name: 'x'.repeat(ROOM_NAME_MAX_LENGTH) }).name).toHaveLength(ROOM_NAME_MAX_LENGTH);
  });

  it.each([[{}], [{ name: 42 }], [{ name: '   ' }], [{ name: '!!!' }], [{ name: '漢字' }], [{ name: 'x'.repeat(ROOM_NAME_MAX_LENGTH + 1) }], [null], ['general']])(
    'rejects the body %j',
    (body) => {
      expect(() => parseRoomName(body)).toThrow(BadRequestError);
    },
  );
});

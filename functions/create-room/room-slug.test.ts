import { describe, expect, it } from 'vitest';
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

  it.each([[{}], [{ name: 42 }], [{ name: '   ' }], [{ name: '!!!' }], [{ name: '漢字' }], [{ name: 'x'.repeat(51) }], [null], ['general']])(
    'rejects the body %j',
    (body) => {
      expect(() => parseRoomName(body)).toThrow(BadRequestError);
    },
  );
});

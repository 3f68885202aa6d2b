import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safe-redirect.ts';

describe('safeRedirect', () => {
  it.each([
    ['/rooms/lobby', '/rooms/lobby'],
    ['/rooms/lobby?x=1', '/rooms/lobby?x=1'],
    ['//evil.example', '/rooms'],
    ['/\\evil.example', '/rooms'],
    ['https://evil.example', '/rooms'],
    ['/sign-in', '/rooms'],
    [undefined, '/rooms'],
    [['/a'], '/rooms'],
  ])('sends %j to %s', (value, expected) => {
    expect(safeRedirect(value)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { checkMessageReactions, messageReactionsPath } from './reactions.ts';

const ada = { sub: 's-ada', handle: 'ada', displayName: 'Ada' };

describe('checkMessageReactions', () => {
  it.each([
    ['no reactions', { items: [] }],
    ['one emoji, two people', { items: [{ emoji: '👍', people: [ada, { sub: 's-bo', handle: 'bo', displayName: 'Bo' }] }] }],
  ])('accepts %s', (_name, value) => {
    expect(checkMessageReactions(value)).toEqual({ ok: true, value });
  });

  it('copies known fields only', () => {
    const checked = checkMessageReactions({ items: [{ emoji: '🎉', people: [{ ...ada, email: 'a@example.com' }], extra: 1 }] });

    expect(checked).toEqual({ ok: true, value: { items: [{ emoji: '🎉', people: [ada] }] } });
  });

  it.each([
    ['not an object', 'x'],
    ['no items', {}],
    ['an item without emoji', { items: [{ people: [] }] }],
    ['people not a list', { items: [{ emoji: '👍', people: ada }] }],
    ['a person without a handle', { items: [{ emoji: '👍', people: [{ sub: 's', displayName: 'S' }] }] }],
  ])('refuses %s', (_name, value) => {
    expect(checkMessageReactions(value).ok).toBe(false);
  });

  it('names the route', () => {
    expect(messageReactionsPath('lobby', '01JF8Z5Y6Q7R8S9T0V1W2X3Y4Z')).toBe('/rooms/lobby/messages/01JF8Z5Y6Q7R8S9T0V1W2X3Y4Z/reactions');
  });
});

import { describe, expect, it } from 'vitest';
import { checkPeopleList, checkPeopleQuery, PEOPLE_SEARCH_LIMIT } from './people.ts';

describe('checkPeopleQuery', () => {
  it.each([
    ['a prefix as typed', 'al', 'al'],
    ['a leading @ and capitals', '@Al', 'al'],
    ['spaces around it', '  bob_1 ', 'bob_1'],
    ['a whole 20-character handle', 'a'.repeat(20), 'a'.repeat(20)],
    ['one character', 'z', 'z'],
  ])('searches for %s', (_what, q, prefix) => {
    expect(checkPeopleQuery(q)).toEqual({ ok: true, value: prefix });
  });

  it.each([
    ['a space inside', 'bob smith'],
    ['punctuation', 'bob!'],
    ['a second @', '@@bob'],
    ['a letter outside a–z', 'bé'],
    ['21 characters', 'a'.repeat(21)],
  ])('finds nobody for %s, without refusing it', (_what, q) => {
    expect(checkPeopleQuery(q)).toEqual({ ok: true, value: null });
  });

  it.each([
    ['no q', undefined],
    ['an empty q', ''],
    ['only spaces', '   '],
    ['only @', ' @ '],
    ['a list', ['al']],
  ])('refuses %s', (_what, q) => {
    expect(checkPeopleQuery(q).ok).toBe(false);
  });
});

describe('checkPeopleList', () => {
  const alice = { sub: 's-a', handle: 'alice', displayName: 'Alice' };

  it('builds each person from known fields only', () => {
    expect(checkPeopleList({ items: [{ ...alice, role: 'owner', extra: 1 }] })).toEqual({ ok: true, value: { items: [alice] } });
    expect(checkPeopleList({ items: [] })).toEqual({ ok: true, value: { items: [] } });
  });

  it.each([
    ['no items', {}],
    ['items not a list', { items: 'alice' }],
    ['a person without a handle', { items: [{ sub: 's', displayName: 'A' }] }],
    ['an empty display name', { items: [{ ...alice, displayName: '' }] }],
    ['a number for a sub', { items: [{ ...alice, sub: 1 }] }],
    ['more than the limit', { items: Array.from({ length: PEOPLE_SEARCH_LIMIT + 1 }, () => alice) }],
  ])('refuses %s', (_what, value) => {
    expect(checkPeopleList(value).ok).toBe(false);
  });
});

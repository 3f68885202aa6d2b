import { describe, expect, it } from 'vitest';
import { checkProfile, checkProfileRefusal, checkProfileUpdate } from './profile.ts';

describe('checkProfile', () => {
  it('builds the profile from known fields only', () => {
    const profile = { sub: 's', handle: 'alice', displayName: 'Alice', moderator: false };
    expect(checkProfile({ ...profile, extra: 1 })).toEqual({ ok: true, value: profile });
  });

  it.each([
    ['not an object', 'x'],
    ['no sub', { handle: 'a', displayName: 'A', moderator: false }],
    ['no handle', { sub: 's', displayName: 'A', moderator: false }],
    ['empty displayName', { sub: 's', handle: 'a', displayName: '', moderator: false }],
    ['moderator as text', { sub: 's', handle: 'a', displayName: 'A', moderator: 'true' }],
  ])('refuses %s', (_what, value) => {
    expect(checkProfile(value).ok).toBe(false);
  });
});

describe('checkProfileUpdate', () => {
  it('sanitizes and checks each name it is given', () => {
    expect(checkProfileUpdate({ displayName: ' Ali\u200Bce ', handle: '@Alice_2' })).toEqual({
      ok: true,
      value: { displayName: 'Alice', handle: 'alice_2' },
    });
    expect(checkProfileUpdate({ handle: 'bob' })).toEqual({ ok: true, value: { handle: 'bob' } });
  });

  it.each([
    ['no field', {}, undefined],
    ['an array', [], undefined],
    ['a blank display name', { displayName: '\u200B' }, 'displayName'],
    ['a bad handle', { displayName: 'Alice', handle: 'a.b' }, 'handle'],
    ['a number for a name', { displayName: 5 }, 'displayName'],
  ])('refuses %s, naming the field', (_what, value, field) => {
    const checked = checkProfileUpdate(value);
    expect(checked.ok).toBe(false);
    expect(checked.field).toBe(field);
  });
});

describe('checkProfileRefusal', () => {
  it('keeps the message and a known field', () => {
    expect(checkProfileRefusal({ message: 'taken', field: 'handle' })).toEqual({ ok: true, value: { message: 'taken', field: 'handle' } });
    expect(checkProfileRefusal({ message: 'slow down', field: 'other' })).toEqual({ ok: true, value: { message: 'slow down' } });
    expect(checkProfileRefusal({}).ok).toBe(false);
  });
});

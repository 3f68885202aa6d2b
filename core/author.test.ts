import { describe, expect, it } from 'vitest';
import { authorFromIdentity, groupNames, isIamIdentity, isUserIdentity, profileFromClaims } from './author.ts';
import { DISPLAY_NAME_CLAIM, HANDLE_CLAIM } from './profile.ts';

const profileClaims = { [HANDLE_CLAIM]: 'alice', [DISPLAY_NAME_CLAIM]: 'Alice' };
const user = { sub: 's-1', username: 's-1', claims: { ...profileClaims }, groups: null };
const iam = { userArn: 'arn:aws:sts::0:assumed-role/moderation/x', username: 'AROA:x' };
const alice = { sub: 's-1', handle: 'alice', displayName: 'Alice', moderator: false };

function withClaims(claims: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { ...user, claims, ...extra };
}

describe('authorFromIdentity', () => {
  it.each<[string, unknown, unknown]>([
    ['valid profile claims', user, alice],
    ['a display name with a zero-width space and doubled spaces, sanitized again', withClaims({ ...profileClaims, [DISPLAY_NAME_CLAIM]: ' Al\u200Bice  Liddell ' }), { ...alice, displayName: 'Alice Liddell' }],
    ['the moderators group in identity.groups', withClaims(profileClaims, { groups: ['moderators'] }), { ...alice, moderator: true }],
    ['the moderators group only in the cognito:groups claim', withClaims({ ...profileClaims, 'cognito:groups': ['moderators'] }), { ...alice, moderator: true }],
    ['the cognito:groups claim as one string', withClaims({ ...profileClaims, 'cognito:groups': 'moderators' }), { ...alice, moderator: true }],
    ['another group', withClaims(profileClaims, { groups: ['editors'] }), alice],
    ['no handle claim', withClaims({ [DISPLAY_NAME_CLAIM]: 'Alice' }), null],
    ['no display name claim', withClaims({ [HANDLE_CLAIM]: 'alice' }), null],
    ['a handle with an @', withClaims({ ...profileClaims, [HANDLE_CLAIM]: '@alice' }), null],
    ['a handle in upper case', withClaims({ ...profileClaims, [HANDLE_CLAIM]: 'Alice' }), null],
    ['a handle with a dot', withClaims({ ...profileClaims, [HANDLE_CLAIM]: 'a.lice' }), null],
    ['a too short handle', withClaims({ ...profileClaims, [HANDLE_CLAIM]: 'al' }), null],
    ['a handle that is a number', withClaims({ ...profileClaims, [HANDLE_CLAIM]: 12345 }), null],
    ['a display name of invisible characters only', withClaims({ ...profileClaims, [DISPLAY_NAME_CLAIM]: '\u200B\u3164 ' }), null],
    ['no claims at all', { sub: 's-1', username: 's-1' }, null],
    ['an IAM identity', iam, null],
    ['no identity', null, null],
    ['an identity without sub', { username: 'alice', claims: profileClaims }, null],
  ])('reads %s', (_case, identity, expected) => {
    expect(authorFromIdentity(identity)).toEqual(expected);
  });

  it('never takes a name from preferred_username, name or username', () => {
    const spoofing = { sub: 's-2', username: 'Alice', claims: { preferred_username: 'Alice', name: 'Alice', 'cognito:username': 'Alice' }, groups: null };

    expect(authorFromIdentity(spoofing)).toBeNull();
    expect(authorFromIdentity({ ...spoofing, claims: { ...spoofing.claims, [HANDLE_CLAIM]: 'bob', [DISPLAY_NAME_CLAIM]: 'Bob' } })).toEqual({
      sub: 's-2',
      handle: 'bob',
      displayName: 'Bob',
      moderator: false,
    });
  });

  it('takes moderator from the groups only, never from a claim that says so', () => {
    const claimed = withClaims({ ...profileClaims, moderator: true, 'parley:moderator': 'true' });

    expect(authorFromIdentity(claimed)?.moderator).toBe(false);
  });
});

describe('profileFromClaims', () => {
  it('reads an access token payload with its sub and groups', () => {
    const payload = { sub: 's-1', ...profileClaims, 'cognito:groups': ['moderators'] };

    expect(profileFromClaims(payload.sub, payload, payload['cognito:groups'])).toEqual({ ...alice, moderator: true });
    expect(profileFromClaims('', payload, [])).toBeNull();
    expect(profileFromClaims('s-1', 'not claims', [])).toBeNull();
  });
});

describe('groupNames', () => {
  it.each<[unknown, string[]]>([
    [['moderators', 'editors'], ['moderators', 'editors']],
    [['moderators', 5], ['moderators']],
    ['moderators', ['moderators']],
    ['[moderators editors]', ['moderators', 'editors']],
    ['["moderators","editors"]', ['moderators', 'editors']],
    ['', []],
    [null, []],
  ])('reads %j', (value, expected) => {
    expect(groupNames(value)).toEqual(expected);
  });
});

describe('isIamIdentity and isUserIdentity', () => {
  it('tells an IAM publisher from a user, with or without a profile', () => {
    expect(isIamIdentity(iam)).toBe(true);
    expect(isIamIdentity(user)).toBe(false);
    expect(isIamIdentity(null)).toBe(false);
    expect(isUserIdentity(user)).toBe(true);
    expect(isUserIdentity({ sub: 's-1', claims: {} })).toBe(true);
    expect(isUserIdentity(iam)).toBe(false);
    expect(isUserIdentity(null)).toBe(false);
  });
});

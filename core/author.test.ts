import { describe, expect, it } from 'vitest';
import { authorFromIdentity, isIamIdentity } from './author.ts';
import { canSubscribeToRoom } from './room-access.ts';

const user = { sub: 's-1', username: 'alice', claims: { preferred_username: 'Alice', name: 'Alice Liddell' } };
const iam = { userArn: 'arn:aws:sts::0:assumed-role/moderation/x', username: 'AROA:x' };

describe('authorFromIdentity', () => {
  it('prefers preferred_username, then name, then username', () => {
    expect(authorFromIdentity(user)?.displayName).toBe('Alice');
    expect(authorFromIdentity({ ...user, claims: { name: 'Alice Liddell' } })?.displayName).toBe('Alice Liddell');
    expect(authorFromIdentity({ ...user, claims: { preferred_username: '' } })?.displayName).toBe('alice');
  });

  it('returns null for IAM, missing or incomplete identities', () => {
    expect(authorFromIdentity(iam)).toBeNull();
    expect(authorFromIdentity(null)).toBeNull();
    expect(authorFromIdentity({ sub: 's-1' })).toBeNull();
  });
});

describe('isIamIdentity', () => {
  it('recognises the IAM identity by its userArn', () => {
    expect(isIamIdentity(iam)).toBe(true);
    expect(isIamIdentity(user)).toBe(false);
    expect(isIamIdentity(null)).toBe(false);
  });
});

describe('canSubscribeToRoom', () => {
  it('needs a user and a concrete room channel of the namespace', () => {
    expect(canSubscribeToRoom(user, ['chat', 'rooms', 'lobby'], 'chat')).toBe(true);
    expect(canSubscribeToRoom(user, ['chat', 'rooms', '*'], 'chat')).toBe(false);
    expect(canSubscribeToRoom(user, ['signals', 'rooms', 'lobby'], 'chat')).toBe(false);
    expect(canSubscribeToRoom(iam, ['chat', 'rooms', 'lobby'], 'chat')).toBe(false);
  });
});

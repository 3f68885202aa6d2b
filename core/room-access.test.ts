import { describe, expect, it } from 'vitest';
import { subscribeAccess } from './room-access.ts';

const user = { sub: 's-1', username: 's-1', claims: {}, groups: null };
const iam = { userArn: 'arn:aws:sts::0:assumed-role/moderation/x', username: 'AROA:x' };
const privateId = `p-${'0123456789abcdefghjkmnpqrs'}`;
const dmId = `d-${'vwxyz0123456789abcdefghjkm'}`;
const epoch = '0123456789';

describe('subscribeAccess', () => {
  it('allows a signed-in user on a public room channel without a read', () => {
    expect(subscribeAccess(user, ['chat', 'rooms', 'lobby'], 'chat')).toEqual({ kind: 'allow' });
    expect(subscribeAccess(user, ['signals', 'rooms', 'lobby'], 'signals')).toEqual({ kind: 'allow' });
  });

  it('allows a user on their own user channel only, without a read, and only in the signals namespace', () => {
    expect(subscribeAccess(user, ['signals', 'users', 's-1'], 'signals')).toEqual({ kind: 'allow' });
    expect(subscribeAccess(user, ['signals', 'users', 's-2'], 'signals')).toEqual({ kind: 'refuse' });
    expect(subscribeAccess(user, ['signals', 'users', '*'], 'signals')).toEqual({ kind: 'refuse' });
    expect(subscribeAccess(user, ['chat', 'users', 's-1'], 'chat')).toEqual({ kind: 'refuse' });
    expect(subscribeAccess(iam, ['signals', 'users', 's-1'], 'signals')).toEqual({ kind: 'refuse' });
  });

  it('lets a user whose token has no profile yet listen (reading shows no name of theirs)', () => {
    expect(subscribeAccess({ sub: 's-1', claims: {} }, ['chat', 'rooms', 'lobby'], 'chat')).toEqual({ kind: 'allow' });
  });

  it('asks for the membership item of the caller on a private room or DM channel with its epoch', () => {
    expect(subscribeAccess(user, ['chat', 'rooms', privateId, epoch], 'chat')).toEqual({
      kind: 'member',
      roomId: privateId,
      key: { pk: `MEMBERS#${privateId}`, sk: 's-1' },
    });
    expect(subscribeAccess(user, ['signals', 'rooms', dmId, epoch], 'signals')).toEqual({
      kind: 'member',
      roomId: dmId,
      key: { pk: `MEMBERS#${dmId}`, sk: 's-1' },
    });
  });

  it.each([
    ['a wildcard', ['chat', 'rooms', '*']],
    ['a wildcard epoch', ['chat', 'rooms', privateId, '*']],
    ['another namespace', ['signals', 'rooms', 'lobby']],
    ['a private id without its epoch', ['chat', 'rooms', privateId]],
    ['a DM id without its epoch', ['chat', 'rooms', dmId]],
    ['a public id with an epoch', ['chat', 'rooms', 'lobby', epoch]],
    ['a malformed epoch', ['chat', 'rooms', privateId, 'ABCDEFGHIJ']],
    ['a short epoch', ['chat', 'rooms', privateId, '012345678']],
    ['a fifth segment', ['chat', 'rooms', privateId, epoch, 'x']],
  ])('refuses %s', (_name, segments) => {
    expect(subscribeAccess(user, segments, 'chat')).toEqual({ kind: 'refuse' });
  });

  it('refuses anyone but a user pool identity', () => {
    expect(subscribeAccess(iam, ['chat', 'rooms', 'lobby'], 'chat')).toEqual({ kind: 'refuse' });
    expect(subscribeAccess(null, ['chat', 'rooms', privateId, epoch], 'chat')).toEqual({ kind: 'refuse' });
  });
});

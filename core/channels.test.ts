import { describe, expect, it } from 'vitest';
import {
  CHAT_NAMESPACE,
  isValidEpoch,
  roomChannel,
  roomChannelFromSegments,
  roomKindOfId,
  roomSignalsChannel,
  SIGNALS_NAMESPACE,
} from './channels.ts';

const CODE = '0123456789abcdefghjkmnpqrs';
const PRIVATE = `p-${CODE}`;
const DM = `d-${CODE}`;
const EPOCH = 'tvwxyz0123';

describe('room kinds', () => {
  it.each([
    [PRIVATE, 'private'],
    [DM, 'dm'],
    ['lobby', 'public'],
    ['p-lobby', 'public'],
    [`p-${CODE}x`, 'public'],
    [`p-${CODE.slice(1)}`, 'public'],
    // i, l, o and u are not Crockford base32, so a slug that has them is public.
    [`p-${CODE.slice(1)}i`, 'public'],
    [`p-${CODE.slice(1)}-`, 'public'],
    [`x-${CODE}`, 'public'],
    [`${PRIVATE}-room`, 'public'],
  ])('knows %s is %s from its id alone', (id, kind) => {
    expect(roomKindOfId(id)).toBe(kind);
  });

  it.each([
    [EPOCH, true],
    ['0000000000', true],
    ['tvwxyz012', false],
    ['tvwxyz01234', false],
    ['tvwxyz012u', false],
    ['TVWXYZ0123', false],
    [10, false],
    [undefined, false],
  ])('checks the epoch %s: %s', (epoch, valid) => {
    expect(isValidEpoch(epoch)).toBe(valid);
  });
});

describe('room channels', () => {
  it('names a public room by 3 segments and a private room or DM by 4', () => {
    expect(roomChannel('lobby')).toBe('/chat/rooms/lobby');
    expect(roomSignalsChannel('lobby')).toBe('/signals/rooms/lobby');
    expect(roomChannel(PRIVATE, EPOCH)).toBe(`/chat/rooms/${PRIVATE}/${EPOCH}`);
    expect(roomSignalsChannel(DM, EPOCH)).toBe(`/signals/rooms/${DM}/${EPOCH}`);
  });

  it('reads a channel back into its room and epoch', () => {
    expect(roomChannelFromSegments(['chat', 'rooms', 'lobby'], CHAT_NAMESPACE)).toEqual({ roomId: 'lobby' });
    expect(roomChannelFromSegments(['chat', 'rooms', PRIVATE, EPOCH], CHAT_NAMESPACE)).toEqual({ roomId: PRIVATE, epoch: EPOCH });
    expect(roomChannelFromSegments(['signals', 'rooms', DM, EPOCH], SIGNALS_NAMESPACE)).toEqual({ roomId: DM, epoch: EPOCH });
  });

  it.each([
    [['chat', 'rooms', PRIVATE]],
    [['chat', 'rooms', DM]],
    [['chat', 'rooms', 'lobby', EPOCH]],
    [['chat', 'rooms', PRIVATE, 'not-epoch']],
    [['chat', 'rooms', PRIVATE, '*']],
    [['chat', 'rooms', PRIVATE, EPOCH, 'x']],
    [['chat', 'rooms', '*']],
    [['chat', 'rooms']],
    [['signals', 'rooms', 'lobby']],
    [['chat', 'room', 'lobby']],
    [['chat', 'rooms', 'Lobby']],
  ])('refuses %j as a chat room channel', (segments) => {
    expect(roomChannelFromSegments(segments, CHAT_NAMESPACE)).toBeNull();
  });
});

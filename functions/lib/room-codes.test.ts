import { describe, expect, it } from 'vitest';
import { isValidEpoch, roomKindOfId } from '../../core/channels.ts';
import { dmRoomId, newEpoch, newPrivateRoomId, randomCode } from './room-codes.ts';

describe('members-only room codes', () => {
  it('makes private ids and epochs of the shapes core recognises, different each time', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newPrivateRoomId()));
    const epochs = new Set(Array.from({ length: 50 }, () => newEpoch()));

    expect(ids.size).toBe(50);
    expect(epochs.size).toBe(50);
    expect([...ids].every((id) => roomKindOfId(id) === 'private')).toBe(true);
    expect([...epochs].every((epoch) => isValidEpoch(epoch))).toBe(true);
  });

  it('spells bytes in lower-case Crockford base32, 5 bits a character', () => {
    expect(randomCode(8, () => Uint8Array.from([0, 0, 0, 0, 0]))).toBe('00000000');
    expect(randomCode(8, () => Uint8Array.from([255, 255, 255, 255, 255]))).toBe('zzzzzzzz');
    expect(randomCode(2, () => Uint8Array.from([0b00001_000, 0b10_000000]))).toBe('12');
  });

  it('names one DM per pair of accounts, whichever side asks', () => {
    const id = dmRoomId('sub-alice', 'sub-bob');

    expect(dmRoomId('sub-bob', 'sub-alice')).toBe(id);
    expect(roomKindOfId(id)).toBe('dm');
    expect(dmRoomId('sub-alice', 'sub-carol')).not.toBe(id);
  });
});

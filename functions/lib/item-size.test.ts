import { describe, expect, it } from 'vitest';
import { dynamoItemSize } from './item-size.ts';

describe('dynamoItemSize', () => {
  it('sums attribute names and string values in UTF-8 bytes', () => {
    // 4,096 B: the largest item DynamoDB Local reads for 0.5 RCU (measured; one byte more costs 1).
    expect(dynamoItemSize({ pk: 'P00000', sk: 'S', gsi1pk: 'r4060-1', gsi1sk: '00000', x: 'a'.repeat(4060) })).toBe(4096);
    expect(dynamoItemSize({ t: '🙂é' })).toBe(1 + 4 + 2);
  });

  it('counts maps and lists with their overhead, numbers by digits, and skips undefined', () => {
    expect(dynamoItemSize({ m: { a: 'xy', b: true }, l: ['z'], n: 12345, gone: undefined })).toBe(
      1 + 3 + (1 + 1 + 2) + (1 + 1 + 1) + (1 + 3 + 1 + 1) + (1 + 4),
    );
  });
});

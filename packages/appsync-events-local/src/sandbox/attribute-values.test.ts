import { describe, expect, it } from 'vitest';
import { fromAttributeMap, toAttributeMap, toAttributeValue } from './attribute-values.ts';

describe('toAttributeValue', () => {
  it.each([
    ['a string', 'x', { S: 'x' }],
    ['a number', 1.5, { N: '1.5' }],
    ['a boolean', false, { BOOL: false }],
    ['null', null, { NULL: true }],
    ['a list', ['a', 2], { L: [{ S: 'a' }, { N: '2' }] }],
    ['a map', { a: { b: true } }, { M: { a: { M: { b: { BOOL: true } } } } }],
  ])('converts %s as util.dynamodb.toDynamoDB does', (_name, value, expected) => {
    expect(toAttributeValue(value)).toEqual(expected);
  });

  it('refuses what is not JSON', () => {
    expect(() => toAttributeValue(Number.NaN)).toThrow('cannot convert NaN');
  });
});

describe('toAttributeMap', () => {
  it('converts each value of a key', () => {
    expect(toAttributeMap({ pk: 'MEMBERS#p-1', sk: 's-1' })).toEqual({ pk: { S: 'MEMBERS#p-1' }, sk: { S: 's-1' } });
  });

  it('refuses anything but an object', () => {
    expect(() => toAttributeMap(['pk'])).toThrow('expects an object');
  });
});

describe('fromAttributeMap', () => {
  it('gives the item as plain JSON: numbers, sets as arrays, binary as base64', () => {
    const item = fromAttributeMap({
      s: { S: 'x' },
      n: { N: '42' },
      b: { BOOL: true },
      z: { NULL: true },
      l: { L: [{ S: 'a' }] },
      m: { M: { k: { N: '1' } } },
      ss: { SS: ['a', 'b'] },
      ns: { NS: ['1', '2'] },
      bin: { B: Uint8Array.from([104, 105]) },
    });

    expect(item).toEqual({ s: 'x', n: 42, b: true, z: null, l: ['a'], m: { k: 1 }, ss: ['a', 'b'], ns: [1, 2], bin: 'aGk=' });
  });
});

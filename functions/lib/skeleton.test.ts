import { describe, expect, it } from 'vitest';
import { isReservedName, nameKeys, namesCollide, skeleton } from './skeleton.ts';

describe('skeleton', () => {
  it('maps look-alikes to one prototype (UTS #39)', () => {
    expect(skeleton('Аlice')).toBe(skeleton('Alice')); // Cyrillic А
    expect(skeleton('paypaI')).toBe(skeleton('paypal')); // capital I
    expect(skeleton('rn')).toBe(skeleton('m'));
  });
});

describe('namesCollide', () => {
  it.each([
    ['Alice', 'alice'],
    ['ALICE', 'alice'],
    ['Аlice', 'Alice'], // Cyrillic А
    ['аlice', 'alice'], // Cyrillic а
    ['ⅬOBBY', 'lobby'], // Roman numeral Ⅼ
    ['Ⅼobby', 'Lobby'],
    ['a1ice', 'alice'],
    ['Ilya', 'llya'],
    ['Renée', 'Rene\u0301e'], // composed and decomposed
    ['AIice', 'Alice'], // capital I
    ['m0d', 'MOD'],
    ['0liver', 'Oliver'], // a digit whose prototype is a capital letter
    ['ZED 0RIGINAL', 'Zed Original'],
  ])('%s and %s look alike', (a, b) => {
    expect(namesCollide(a, b)).toBe(true);
    expect(namesCollide(b, a)).toBe(true);
  });

  it.each([
    ['Alice', 'Alicia'],
    ['Bob', 'Rob'],
    ['李', '季'],
    ['Ann', 'Anne'],
  ])('%s and %s do not', (a, b) => {
    expect(namesCollide(a, b)).toBe(false);
  });

  it('gives one key when folding before and after agree', () => {
    expect(nameKeys('alice')).toEqual(['alice']);
    expect(nameKeys('AIice')).toHaveLength(2);
  });
});

describe('isReservedName', () => {
  it.each(['Morgan (mod)', 'Parley Support', 'the-admin', 'Admin', 'MODERATOR', 'mod', 'm0d', 'Ѕystem', 'Parley', 'ѕupport', 'Staff', 'administrator'])('%s is reserved', (name) => {
    expect(isReservedName(name)).toBe(true);
  });

  it.each(['Morgan', 'Modesty', 'admins', 'Alice', 'Stafford', 'Parleyvous'])('%s is not', (name) => {
    expect(isReservedName(name)).toBe(false);
  });
});

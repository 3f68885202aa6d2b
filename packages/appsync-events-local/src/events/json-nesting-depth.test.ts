import { describe, expect, it } from 'vitest';
import { jsonNestingDepth } from './json-nesting-depth.ts';

describe('jsonNestingDepth', () => {
  it.each([
    ['1', 0],
    ['"text"', 0],
    ['[]', 1],
    ['{"a":[1,{"b":null}]}', 3],
    ['[[],[[]],[]]', 3],
    ['"[[[{{{"', 0],
    ['{"a":"\\"[["}', 1],
    ['["\\\\",[1]]', 2],
    ['{"a\\"{":[]}', 2],
  ])('measures %s as %i', (text, depth) => {
    expect(jsonNestingDepth(text)).toBe(depth);
  });

  it('measures 100,000 levels without running out of stack', () => {
    expect(jsonNestingDepth(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBe(100_000);
  });
});

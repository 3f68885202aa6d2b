import { describe, expect, it } from 'vitest';
import { jsonSpellings } from './json-spellings.ts';

describe('jsonSpellings', () => {
  it('lists the body, its compact form and the escaped variants once each', () => {
    const body = '{ "channel": "/a/b", "events": ["<é>"] }';

    expect(jsonSpellings(body)).toEqual([
      body,
      '{"channel":"/a/b","events":["<é>"]}',
      '{"channel":"\\/a\\/b","events":["<é>"]}',
      '{"channel":"/a/b","events":["\\u003cé\\u003e"]}',
      '{"channel":"/a/b","events":["<\\u00e9>"]}',
    ]);
  });

  it('escapes astral characters as surrogate pairs', () => {
    expect(jsonSpellings('["😀"]')).toContain('["\\ud83d\\ude00"]');
  });

  it('returns a non-JSON body alone', () => {
    expect(jsonSpellings('not json')).toEqual(['not json']);
  });

  it('collapses identical spellings', () => {
    expect(jsonSpellings('{}')).toEqual(['{}']);
  });
});

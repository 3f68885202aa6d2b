import { describe, expect, it } from 'vitest';
import { parseSub, splitSubReference } from './sub.ts';

describe('parseSub', () => {
  it('splits text and references, keeping ${!Literal} as a literal ${Literal}', () => {
    expect(parseSub('arn:${AWS::Partition}:x/${Table.Arn}/${!Literal}-${ Name }')).toEqual([
      { text: 'arn:' },
      { reference: 'AWS::Partition' },
      { text: ':x/' },
      { reference: 'Table.Arn' },
      { text: '/${Literal}-' },
      { reference: 'Name' },
    ]);
  });

  it('keeps an unclosed ${ as text', () => {
    expect(parseSub('a ${b')).toEqual([{ text: 'a ${b' }]);
  });
});

describe('splitSubReference', () => {
  it('splits a logical id from an attribute that itself has dots, and leaves pseudo parameters whole', () => {
    expect(splitSubReference('Api.Dns.Realtime')).toEqual(['Api', 'Dns.Realtime']);
    expect(splitSubReference('AWS::URLSuffix')).toEqual(['AWS::URLSuffix']);
    expect(splitSubReference('Name')).toEqual(['Name']);
  });
});

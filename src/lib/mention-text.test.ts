import { describe, expect, it } from 'vitest';
import { linkify } from './linkify.ts';
import { completeMention, mentionAtCaret, withMentions } from './mention-text.ts';

describe('withMentions', () => {
  const mentions = [{ sub: 'sub-alice', handle: 'alice' }];

  it.each([
    ['hi @alice!', [['text', 'hi '], ['mention', '@alice'], ['text', '!']]],
    ['hi @Alice', [['text', 'hi '], ['mention', '@Alice']]],
    ['hi @alicex and @bob', [['text', 'hi @alicex and @bob']]],
    ['@alice https://a.example/@alice', [['mention', '@alice'], ['text', ' '], ['link', 'https://a.example/@alice']]],
  ])('marks only resolved handles in text: %s', (text, expected) => {
    expect(withMentions(linkify(text), mentions, 'sub-alice').map((s) => [s.kind, s.text])).toEqual(expected);
  });

  it('says which mention is the reader', () => {
    const [, mention] = withMentions(linkify('hi @alice'), mentions, 'sub-bob');

    expect(mention).toEqual({ kind: 'mention', text: '@alice', self: false });
  });
});

describe('mentionAtCaret and completeMention', () => {
  it.each([
    ['hi @bo', 6, { start: 3, query: 'bo' }],
    ['@', 1, { start: 0, query: '' }],
    ['mail a@bo', 9, null],
    ['hi @bo there', 12, null],
  ])('%s at %i', (text, caret, expected) => {
    expect(mentionAtCaret(text, caret)).toEqual(expected);
  });

  it('puts the handle in place of what was typed and the caret after it', () => {
    expect(completeMention('hi @bo, ok', 3, 6, 'bobby')).toEqual({ text: 'hi @bobby , ok', caret: 10 });
  });
});

import { describe, expect, it } from 'vitest';
import { linkify } from './linkify.ts';

describe('linkify', () => {
  it.each([
    ['plain text', 'hello there', [{ kind: 'text', text: 'hello there' }]],
    [
      'an https URL',
      'see https://example.com/a?b=1#c now',
      [
        { kind: 'text', text: 'see ' },
        { kind: 'link', text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
        { kind: 'text', text: ' now' },
      ],
    ],
    [
      'an http URL ending a sentence',
      'go to http://example.com.',
      [
        { kind: 'text', text: 'go to ' },
        { kind: 'link', text: 'http://example.com', href: 'http://example.com/' },
        { kind: 'text', text: '.' },
      ],
    ],
    [
      'a URL in parentheses',
      '(https://en.wikipedia.org/wiki/Foo_(bar))',
      [
        { kind: 'text', text: '(' },
        { kind: 'link', text: 'https://en.wikipedia.org/wiki/Foo_(bar)', href: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
        { kind: 'text', text: ')' },
      ],
    ],
    ['a javascript: URL', 'javascript:alert(1)', [{ kind: 'text', text: 'javascript:alert(1)' }]],
    ['a JavaScript: URL in capitals', 'JAVASCRIPT:alert(document.cookie)', [{ kind: 'text', text: 'JAVASCRIPT:alert(document.cookie)' }]],
    [
      'a data: URL',
      'data:text/html,<script>alert(1)</script>',
      [{ kind: 'text', text: 'data:text/html,<script>alert(1)</script>' }],
    ],
    ['an HTML link', '<a href="javascript:x">y</a>', [{ kind: 'text', text: '<a href="javascript:x">y</a>' }]],
    ['a scheme with no host', 'https:// nothing', [{ kind: 'text', text: 'https:// nothing' }]],
    [
      'a URL that stops at a quote',
      'https://example.com/"onmouseover="alert(1)',
      [
        { kind: 'link', text: 'https://example.com/', href: 'https://example.com/' },
        { kind: 'text', text: '"onmouseover="alert(1)' },
      ],
    ],
  ])('handles %s', (_name, text, expected) => {
    expect(linkify(text)).toEqual(expected);
  });

  it('keeps every character of the text, in order', () => {
    const text = 'a https://x.org/1, b http://y.org/(2) c javascript:z d';

    expect(linkify(text).map((s) => s.text).join('')).toBe(text);
  });
});

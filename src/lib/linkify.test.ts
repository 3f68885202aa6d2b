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

  it.each([
    ['a user', 'https://good.example@evil.example'],
    ['a user and a password', 'https://good.example:pass@evil.example/login'],
    ['an empty user', 'https://@evil.example'],
    ['an empty user and password', 'https://:@evil.example'],
    ['two @ signs', 'https://a@good.example@evil.example'],
    ['a port in the user part', 'http://good.example:443@evil.example:8080/'],
    ['an encoded @ in the user part', 'https://good.example%40x@evil.example'],
    ['an upper-case scheme', 'HTTPS://GOOD.EXAMPLE@EVIL.EXAMPLE'],
  ])('leaves a URL with userinfo as text: %s', (_name, url) => {
    const text = `see ${url} now`;

    expect(linkify(text)).toEqual([{ kind: 'text', text }]);
  });

  it.each([
    ['an encoded @ in the host', 'https://good.example%40evil.example'],
    ['a doubly encoded @ in the host', 'https://good.example%2540evil.example'],
  ])('leaves a host that decodes to userinfo as text: %s', (_name, url) => {
    expect(linkify(url)).toEqual([{ kind: 'text', text: url }]);
  });

  it('links a URL whose @ is in the path, query or fragment', () => {
    const text = 'https://good.example/@evil.example https://good.example/?to=a@b https://good.example/#@c';

    expect(linkify(text).filter((s) => s.kind === 'link')).toEqual([
      { kind: 'link', text: 'https://good.example/@evil.example', href: 'https://good.example/@evil.example' },
      { kind: 'link', text: 'https://good.example/?to=a@b', href: 'https://good.example/?to=a@b' },
      { kind: 'link', text: 'https://good.example/#@c', href: 'https://good.example/#@c' },
    ]);
  });

  it.each([
    ['a Cyrillic а in a Latin name', 'https://\u0430pple.com', 'https://xn--pple-43d.com/', 'xn--pple-43d.com'],
    ['a German umlaut', 'https://bücher.example/b?q=1', 'https://xn--bcher-kva.example/b?q=1', 'xn--bcher-kva.example'],
    ['an IDN with a port', 'http://bücher.example:8080/', 'http://xn--bcher-kva.example:8080/', 'xn--bcher-kva.example'],
    ['full-width letters', 'https://ｇｏｏｇｌｅ.com', 'https://google.com/', 'google.com'],
    ['the Kelvin sign for a K', 'https://\u212Aelvin.example', 'https://kelvin.example/', 'kelvin.example'],
    ['a percent-encoded host', 'https://%65vil.example', 'https://evil.example/', 'evil.example'],
    ['a hexadecimal IPv4 host', 'http://0x7f.1/', 'http://127.0.0.1/', '127.0.0.1'],
  ])('gives a link whose text does not spell its host the host it goes to: %s', (_name, url, href, host) => {
    expect(linkify(`go ${url}.`)).toEqual([
      { kind: 'text', text: 'go ' },
      { kind: 'link', text: url, href, host },
      { kind: 'text', text: '.' },
    ]);
  });

  it.each([
    ['https://example.com/a'],
    ['HTTPS://Example.COM/a'],
    ['https://example.com:8443/a'],
    ['http://127.0.0.1:5173/'],
    ['http://[::1]:5173/'],
  ])('gives a link that spells its host no host beside it: %s', (url) => {
    expect(linkify(url)).toEqual([{ kind: 'link', text: url, href: new URL(url).href }]);
  });

  it('keeps every character of the text, in order', () => {
    const text = 'a https://x.org/1, b http://y.org/(2) c javascript:z d https://u@v.org e https://bücher.example f';

    expect(linkify(text).map((s) => s.text).join('')).toBe(text);
  });
});

// A quadratic trim (regex backtracking over every run of punctuation in the URL, and a recount of
// the parentheses for each trailing `)`) took 7 to 15 s on the first trim shape below, about 1.2 s
// on the second and 0.3 s on the third, on a 2-core machine; the linear one takes under 5 ms on
// each, cold. A step count is not observable from outside a regex, so these bound the time
// instead: 200 ms is 40 times the linear trim's worst cold run, and far below what the quadratic
// one took on the first two shapes.
describe('linkify on adversarial 4,000-character messages', () => {
  const LIMIT_MS = 200;
  const LENGTH = 4000;
  const url = 'https://example.com/';
  /** `prefix`, `unit` repeated, `suffix`, then spaces up to 4,000 characters. */
  const fill = (prefix: string, unit: string, suffix = '') => {
    const text = prefix + unit.repeat(Math.floor((LENGTH - prefix.length - suffix.length) / unit.length)) + suffix;
    return text + ' '.repeat(LENGTH - text.length);
  };

  it.each([
    [
      'a run of dots inside the URL, then closing parentheses',
      url + '.'.repeat(2000) + 'a' + ')'.repeat(LENGTH - url.length - 2001),
      [
        { kind: 'link', text: url + '.'.repeat(2000) + 'a', href: url + '.'.repeat(2000) + 'a' },
        { kind: 'text', text: ')'.repeat(LENGTH - url.length - 2001) },
      ],
    ],
    [
      'runs of mixed punctuation inside the URL, then closing parentheses and dots',
      fill(url + '_~*'.repeat(300) + 'b' + '!?'.repeat(200) + 'c', ').'),
      [
        { kind: 'link', text: url + '_~*'.repeat(300) + 'b' + '!?'.repeat(200) + 'c', href: url + '_~*'.repeat(300) + 'b' + '!?'.repeat(200) + 'c' },
        { kind: 'text', text: ').'.repeat((LENGTH - url.length - 1302) / 2) },
      ],
    ],
    [
      'a URL followed by closing parentheses only',
      fill(url, ')'),
      [
        { kind: 'link', text: url, href: url },
        { kind: 'text', text: ')'.repeat(LENGTH - url.length) },
      ],
    ],
  ])('trims %s in linear time', (_name, text, expected) => {
    expect(text).toHaveLength(LENGTH);

    const started = performance.now();
    const segments = linkify(text);
    const elapsed = performance.now() - started;

    expect(segments).toEqual(expected);
    expect(elapsed).toBeLessThan(LIMIT_MS);
  });

  it.each([
    ['a URL followed by dots', fill(url, '.')],
    ['a URL ending in dots then a letter', fill(url, '.', 'a')],
    ['balanced parentheses', fill(url + '(', '()', ')')],
    ['opening parentheses', fill(url, '(')],
    ['closing then opening parentheses', url + ')'.repeat(1990) + '('.repeat(LENGTH - url.length - 1990)],
    ['a scheme repeated without spaces', fill('', 'https://')],
    ['schemes with no host', fill('', 'https:// ')],
    ['short links', fill('', 'https://a.io ')],
    ['@ signs in the authority', fill('https://', '@')],
    ['colons in the authority', fill('https://', ':')],
    ['a long IDN host', fill('https://' + Array.from({ length: 3900 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('') + '.com', ' ')],
  ])('splits %s in linear time, keeping every character', (_name, text) => {
    expect(text).toHaveLength(LENGTH);

    const started = performance.now();
    const segments = linkify(text);
    const elapsed = performance.now() - started;

    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(elapsed).toBeLessThan(LIMIT_MS);
  });
});

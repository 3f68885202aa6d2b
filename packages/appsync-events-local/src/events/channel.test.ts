import { describe, expect, it } from 'vitest';
import { channelMatches, parsePublishChannel, parseSubscribeChannel, wildcardPrefixesOf, type ChannelPattern } from './channel.ts';

function pattern(raw: string): ChannelPattern {
  const parsed = parseSubscribeChannel(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.channel;
}

describe('parsePublishChannel', () => {
  it.each([
    ['/chat/rooms/r1', '/chat/rooms/r1'],
    ['chat/rooms/r1', '/chat/rooms/r1'],
    ['/chat/rooms/r1/', '/chat/rooms/r1'],
    ['/chat', '/chat'],
    ['/a/b/c/d/e', '/a/b/c/d/e'],
    [`/chat/${'x'.repeat(50)}`, `/chat/${'x'.repeat(50)}`],
    ['/Chat/A-b-9', '/Chat/A-b-9'],
  ])('accepts %s as %s', (raw, path) => {
    expect(parsePublishChannel(raw)).toMatchObject({ ok: true, channel: { path } });
  });

  it('splits segments and names the namespace', () => {
    expect(parsePublishChannel('chat/rooms/r1')).toEqual({
      ok: true,
      channel: { path: '/chat/rooms/r1', segments: ['chat', 'rooms', 'r1'], namespace: 'chat' },
    });
  });

  it.each([
    ['more than five segments', '/a/b/c/d/e/f'],
    ['a segment over 50 characters', `/chat/${'x'.repeat(51)}`],
    ['a segment starting with a dash', '/chat/-a'],
    ['a segment ending with a dash', '/chat/a-'],
    ['an underscore', '/chat/a_b'],
    ['an empty segment', '/chat//a'],
    ['a wildcard', '/chat/*'],
    ['only a slash', '/'],
    ['an empty string', ''],
    ['a non-string', 42],
  ])('rejects %s', (_, raw) => {
    expect(parsePublishChannel(raw).ok).toBe(false);
  });
});

describe('parseSubscribeChannel', () => {
  it('accepts a trailing wildcard segment and keeps it in the path', () => {
    expect(parseSubscribeChannel('chat/rooms/*')).toEqual({
      ok: true,
      channel: { path: '/chat/rooms/*', segments: ['chat', 'rooms', '*'], namespace: 'chat', wildcard: true, prefix: '/chat/rooms' },
    });
  });

  it('treats a concrete subscription as matching only its own path', () => {
    expect(parseSubscribeChannel('/chat/a')).toMatchObject({ ok: true, channel: { wildcard: false, prefix: '/chat/a' } });
  });

  it.each([
    ['a namespace wildcard', '/*'],
    ['a mid-path wildcard', '/chat/*/a'],
    ['a partial wildcard', '/chat/ab*'],
    ['a double wildcard', '/chat/**'],
    ['six segments counting the wildcard', '/a/b/c/d/e/*'],
  ])('rejects %s', (_, raw) => {
    expect(parseSubscribeChannel(raw).ok).toBe(false);
  });
});

describe('channelMatches', () => {
  it.each([
    ['/chat/a/*', '/chat/a/b', true],
    ['/chat/a/*', '/chat/a/b/c', true],
    ['/chat/a/*', '/chat/a', false],
    ['/chat/a/*', '/chat/ab', false],
    ['/chat/*', '/chat/x/y/z/w', true],
    ['/chat/a', '/chat/a', true],
    ['/chat/a', '/chat/a/b', false],
    ['/chat/*', '/signals/a', false],
  ])('%s receives %s: %s', (raw, path, expected) => {
    expect(channelMatches(pattern(raw), path)).toBe(expected);
  });
});

describe('wildcardPrefixesOf', () => {
  it('lists the strict ancestors of a path', () => {
    expect(wildcardPrefixesOf('/a/b/c')).toEqual(['/a', '/a/b']);
    expect(wildcardPrefixesOf('/a')).toEqual([]);
  });
});

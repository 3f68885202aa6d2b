import { describe, expect, it } from 'vitest';
import { mentionedHandles, resolveMentions } from './mentions.ts';

describe('mentionedHandles', () => {
  it.each([
    ['hi @ada and @bob_2', ['ada', 'bob_2']],
    ['@ada @ada @ada', ['ada']],
    ['(@ada), @ada!', ['ada']],
    ['mail ada@example.com', []],
    ['@ab is too short', []],
    ['@abcdefghijklmnopqrstu is too long', []],
    ['@Ada is not a handle', []],
    ['@@ada', ['ada']],
  ])('finds the handles of %j', (text, handles) => {
    expect(mentionedHandles(text)).toEqual(handles);
  });

  it('keeps at most 20 distinct handles, in order of first mention', () => {
    const text = Array.from({ length: 25 }, (_, i) => `@user_${i}`).join(' ');

    expect(mentionedHandles(text)).toEqual(Array.from({ length: 20 }, (_, i) => `user_${i}`));
  });
});

describe('resolveMentions', () => {
  it('keeps the handles someone holds, with their subs', async () => {
    const held: Record<string, string> = { ada: 'sub-ada' };
    const asked: string[] = [];
    const lookup = { subOf: async (handle: string) => (asked.push(handle), held[handle] ?? null) };

    expect(await resolveMentions(lookup, '@ada @nobody @ada', '2026-12-06T00:00:00.000Z')).toEqual([{ sub: 'sub-ada', handle: 'ada' }]);
    expect(asked).toEqual(['ada', 'nobody']);
  });
});

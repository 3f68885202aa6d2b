import { describe, expect, it } from 'vitest';
import type { Author, ChatMessage } from '../../core/messages.ts';
import type { TimelineEntry } from '../../core/timeline.ts';
import { continuesGroup, GROUP_WINDOW_MS } from './message-groups.ts';

const AUTHOR: Author = { sub: 'sub-alice', handle: 'alice', displayName: 'Alice', moderator: false };
const START = Date.parse('2026-11-30T12:00:00.000Z');

function entry(id: string, atMs: number, author: Author = AUTHOR, kind: 'message' | 'removed' = 'message'): TimelineEntry {
  const message: ChatMessage = { id, roomId: 'lobby', text: id, author, createdAt: new Date(atMs).toISOString(), clientMsgId: `c-${id}` };
  return { kind, key: id, message };
}

describe('continuesGroup', () => {
  it('continues the same author’s group shortly after', () => {
    expect(continuesGroup(entry('a', START), entry('b', START + 60_000))).toBe(true);
  });

  it.each([
    ['nothing before it', undefined, entry('b', START + 1000)],
    ['another author', entry('a', START), entry('b', START + 1000, { ...AUTHOR, sub: 'sub-bob' })],
    ['the same author renamed', entry('a', START), entry('b', START + 1000, { ...AUTHOR, displayName: 'Alice Liddell' })],
    ['the same author under a new handle', entry('a', START), entry('b', START + 1000, { ...AUTHOR, handle: 'alice_l' })],
    ['a pause of the group window', entry('a', START), entry('b', START + GROUP_WINDOW_MS)],
    ['a removed message before it', entry('a', START, AUTHOR, 'removed'), entry('b', START + 1000)],
  ])('starts a group after %s', (_what, previous, next) => {
    expect(continuesGroup(previous, next)).toBe(false);
  });
});

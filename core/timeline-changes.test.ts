import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Author, ChatEvent, ChatMessage, HistoryItem } from './messages.ts';
import { minMessageIdAt } from './message-id.ts';
import { applyToTimeline, countUnread, emptyTimeline, type Timeline, type TimelineInput, timelineEntries } from './timeline.ts';

const alice: Author = { sub: 'sub-alice', handle: 'alice', displayName: 'Alice', moderator: false };
const bob: Author = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob', moderator: false };
const BASE_MS = 1_790_000_000_000;

function id(n: number): string {
  return minMessageIdAt(BASE_MS + n * 1000).slice(0, 25) + 'A';
}

function msg(n: number, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: id(n),
    roomId: 'lobby',
    text: `message ${n}`,
    author: bob,
    createdAt: new Date(BASE_MS + n * 1000).toISOString(),
    clientMsgId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    ...extra,
  };
}

function edited(n: number, version: number): ChatMessage {
  return msg(n, { text: `message ${n}, version ${version}`, editedAt: new Date(BASE_MS + 100_000 + version * 1000).toISOString() });
}

const apply = (inputs: TimelineInput[], reader = alice.sub): Timeline => inputs.reduce(applyToTimeline, emptyTimeline(reader));
const event = (e: ChatEvent): TimelineInput => ({ kind: 'event', event: e });
const reaction = (n: number, emoji: string, count: number, author: Author, add: boolean): TimelineInput =>
  event({ type: 'reaction.changed', roomId: 'lobby', id: id(n), emoji, count, author, add });

describe('edits in the timeline', () => {
  it('keeps the version edited last, whatever order the original and its edits arrive in', () => {
    const inputs: TimelineInput[] = [
      { kind: 'history', items: [msg(1)] },
      event({ type: 'message.edited', message: edited(1, 1) }),
      event({ type: 'message.edited', message: edited(1, 2) }),
      event({ type: 'message.created', message: msg(1) }),
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(inputs, { minLength: inputs.length, maxLength: inputs.length }), (order) => {
        expect(apply(order).byId[id(1)]?.text).toBe('message 1, version 2');
      }),
    );
  });

  it('keeps the reactions it knew when a broadcast edit (which carries none) arrives', () => {
    const timeline = apply([
      { kind: 'history', items: [msg(1, { reactions: [{ emoji: '👍', count: 2, mine: true }] })] },
      event({ type: 'message.edited', message: edited(1, 1) }),
    ]);

    expect(timeline.byId[id(1)]).toMatchObject({ text: 'message 1, version 1', reactions: [{ emoji: '👍', count: 2, mine: true }] });
  });
});

describe('deletes in the timeline', () => {
  it('shows a deleted message as a tombstone for good, before or after the message itself arrives, and stops counting it unread', () => {
    const inputs: TimelineInput[] = [
      { kind: 'history', items: [msg(1), msg(2)] },
      event({ type: 'message.deleted', roomId: 'lobby', id: id(2) }),
      event({ type: 'message.edited', message: edited(2, 1) }),
    ];
    fc.assert(
      fc.property(fc.shuffledSubarray(inputs, { minLength: inputs.length, maxLength: inputs.length }), (order) => {
        const timeline = apply(order);
        expect(timelineEntries(timeline).map((e) => e.kind)).toEqual(['message', 'deleted']);
        expect(countUnread(timeline, undefined, alice.sub)).toBe(1);
      }),
    );
  });

  it('gives a tombstone from history its place even when the message was never loaded, without its text or author', () => {
    const tombstone: HistoryItem = { id: id(2), roomId: 'lobby', createdAt: msg(2).createdAt, deleted: true };

    const entries = timelineEntries(apply([{ kind: 'history', items: [msg(1), tombstone, msg(3)] }]));

    expect(entries.map((e) => e.kind)).toEqual(['message', 'deleted', 'message']);
    expect(entries[1]?.message).toMatchObject({ id: id(2), roomId: 'lobby', createdAt: msg(2).createdAt, text: '', author: { sub: '' } });
  });

  it('applies gap-fill updates: a deletion, and an edit with its current reactions', () => {
    const timeline = apply([
      { kind: 'history', items: [msg(1), msg(2)] },
      { kind: 'updates', items: [{ id: id(1), roomId: 'lobby', createdAt: msg(1).createdAt, deleted: true }, { ...edited(2, 1), reactions: [{ emoji: '🎉', count: 1, mine: false }] }] },
    ]);

    expect(timelineEntries(timeline).map((e) => e.kind)).toEqual(['deleted', 'message']);
    expect(timeline.byId[id(2)]).toMatchObject({ text: 'message 2, version 1', reactions: [{ emoji: '🎉', count: 1, mine: false }] });
  });
});

describe('reactions in the timeline', () => {
  it('sets the count the server sent, and marks mine only for the reader\'s own change', () => {
    const timeline = apply([
      { kind: 'history', items: [msg(1)] },
      reaction(1, '👍', 1, bob, true),
      reaction(1, '👍', 2, alice, true),
      reaction(1, '🎉', 1, bob, true),
    ]);

    expect(timeline.byId[id(1)]?.reactions).toEqual([
      { emoji: '👍', count: 2, mine: true },
      { emoji: '🎉', count: 1, mine: false },
    ]);
  });

  it('drops an emoji whose count reaches 0, and the field with the last one', () => {
    const timeline = apply([
      { kind: 'history', items: [msg(1, { reactions: [{ emoji: '👍', count: 1, mine: true }] })] },
      reaction(1, '👍', 0, alice, false),
    ]);

    expect(timeline.byId[id(1)]).toEqual(msg(1));
  });

  it('is idempotent: the same change twice has one effect', () => {
    const once = apply([{ kind: 'history', items: [msg(1)] }, reaction(1, '👍', 1, alice, true)]);
    const twice = apply([{ kind: 'history', items: [msg(1)] }, reaction(1, '👍', 1, alice, true), reaction(1, '👍', 1, alice, true)]);

    expect(twice.byId).toEqual(once.byId);
  });

  it('leaves a reaction to a message not loaded yet to that message\'s history page', () => {
    const timeline = apply([reaction(5, '👍', 3, bob, true), { kind: 'history', items: [msg(5, { reactions: [{ emoji: '👍', count: 3, mine: false }] })] }]);

    expect(timeline.byId[id(5)]?.reactions).toEqual([{ emoji: '👍', count: 3, mine: false }]);
  });

  it('takes a later history page\'s reactions for a known message', () => {
    const timeline = apply([
      { kind: 'history', items: [msg(1)] },
      { kind: 'history', items: [msg(1, { reactions: [{ emoji: '👍', count: 4, mine: false }] })] },
    ]);

    expect(timeline.byId[id(1)]?.reactions).toEqual([{ emoji: '👍', count: 4, mine: false }]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Author, ChatMessage } from './messages.ts';
import { minMessageIdAt } from './message-id.ts';
import {
  applyToTimeline,
  countUnread,
  emptyTimeline,
  newestStoredId,
  type OutgoingMessage,
  type Timeline,
  type TimelineInput,
  timelineEntries,
} from './timeline.ts';

const alice: Author = { sub: 'sub-alice', handle: 'alice', displayName: 'Alice', moderator: false };
const bob: Author = { sub: 'sub-bob', handle: 'bob', displayName: 'Bob', moderator: false };
const BASE_MS = 1_790_000_000_000;

/** Message n: ids sort by n, as the server's do. */
function id(n: number): string {
  return minMessageIdAt(BASE_MS + n * 1000).slice(0, 25) + 'A';
}

function cid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function msg(n: number, author: Author = bob, clientMsgId = cid(n)): ChatMessage {
  return {
    id: id(n),
    roomId: 'lobby',
    text: `message ${n}`,
    author,
    createdAt: new Date(BASE_MS + n * 1000).toISOString(),
    clientMsgId,
  };
}

function sending(n: number): OutgoingMessage {
  return {
    clientMsgId: cid(n),
    roomId: 'lobby',
    text: `message ${n}`,
    author: alice,
    createdAt: new Date(BASE_MS + n).toISOString(),
    status: 'pending',
  };
}

const page = (...messages: ChatMessage[]): TimelineInput => ({ kind: 'page', messages });
const created = (message: ChatMessage): TimelineInput => ({ kind: 'event', event: { type: 'message.created', message } });
const removed = (n: number): TimelineInput => ({ kind: 'event', event: { type: 'message.removed', roomId: 'lobby', id: id(n) } });
const restored = (message: ChatMessage): TimelineInput => ({
  kind: 'event',
  event: { type: 'message.restored', message },
});
const send = (n: number): TimelineInput => ({ kind: 'sending', message: sending(n) });
const failed = (n: number): TimelineInput => ({ kind: 'failed', clientMsgId: cid(n), error: 'network' });
const accepted = (n: number): TimelineInput => ({ kind: 'accepted', clientMsgId: cid(n) });
const placeholder = (n: number) => ({ id: id(n), roomId: 'lobby', createdAt: msg(n).createdAt, removed: true as const });
const history = (...items: (ChatMessage | ReturnType<typeof placeholder>)[]): TimelineInput => ({ kind: 'history', items });
const updates = (...items: (ChatMessage | ReturnType<typeof placeholder>)[]): TimelineInput => ({ kind: 'updates', items });

function run(inputs: readonly TimelineInput[]): Timeline {
  return inputs.reduce(applyToTimeline, emptyTimeline());
}

/** `m3` stored, `removed:m2` tombstone, `pending:c4` / `failed:c4` unconfirmed send. */
function describeTimeline(timeline: Timeline): string[] {
  return timelineEntries(timeline).map((entry) => {
    if (entry.kind === 'outgoing') return `${entry.message.status}:c${Number(entry.message.clientMsgId.slice(-12))}`;
    const label = `m${Number(entry.message.text.split(' ')[1])}`;
    return entry.kind === 'removed' ? `removed:${label}` : label;
  });
}

describe('the timeline merge', () => {
  const cases: { name: string; inputs: TimelineInput[]; expected: string[] }[] = [
    {
      name: 'keeps a live message that arrived before the history page',
      inputs: [created(msg(3)), page(msg(3), msg(2), msg(1))],
      expected: ['m1', 'm2', 'm3'],
    },
    {
      name: 'orders a live message newer than the page after it',
      inputs: [created(msg(4)), page(msg(3), msg(2), msg(1))],
      expected: ['m1', 'm2', 'm3', 'm4'],
    },
    {
      name: 'shows a duplicate delivery once',
      inputs: [created(msg(1)), created(msg(1)), page(msg(1)), created(msg(2)), created(msg(2))],
      expected: ['m1', 'm2'],
    },
    {
      name: 'shows a page fetched twice once',
      inputs: [page(msg(2), msg(1)), page(msg(2), msg(1))],
      expected: ['m1', 'm2'],
    },
    {
      name: 'hides a message removed after it loaded',
      inputs: [page(msg(2), msg(1)), removed(2)],
      expected: ['m1', 'removed:m2'],
    },
    {
      name: 'hides a message whose removal arrived before it loaded',
      inputs: [removed(2), page(msg(2), msg(1)), created(msg(2))],
      expected: ['m1', 'removed:m2'],
    },
    {
      name: 'brings a restored message back in place',
      inputs: [page(msg(3), msg(2), msg(1)), removed(2), restored(msg(2))],
      expected: ['m1', 'm2', 'm3'],
    },
    {
      name: 'replaces the optimistic entry with its stored echo',
      inputs: [page(msg(1)), send(2), created(msg(2, alice))],
      expected: ['m1', 'm2'],
    },
    {
      name: 'ignores a send whose echo is already stored',
      inputs: [page(msg(1)), created(msg(2, alice)), send(2)],
      expected: ['m1', 'm2'],
    },
    {
      name: 'keeps pending sends at the end, after newer stored messages',
      inputs: [page(msg(1)), send(2), created(msg(3))],
      expected: ['m1', 'm3', 'pending:c2'],
    },
    {
      name: 'marks a send failed',
      inputs: [page(msg(1)), send(2), failed(2)],
      expected: ['m1', 'failed:c2'],
    },
    {
      name: 'stores one message after a failure and a retry with the same clientMsgId',
      inputs: [send(2), failed(2), send(2), created(msg(2, alice)), created(msg(2, alice))],
      expected: ['m2'],
    },
    {
      name: 'ignores a failure reported after the echo arrived',
      inputs: [send(2), created(msg(2, alice)), failed(2)],
      expected: ['m2'],
    },
    {
      name: 'does not let another author’s message with the same clientMsgId replace a pending send',
      inputs: [send(2), created(msg(3, bob, cid(2)))],
      expected: ['m3', 'pending:c2'],
    },
    {
      name: 'fills a reconnect gap, and filling it twice changes nothing',
      inputs: [
        page(msg(2), msg(1)),
        created(msg(3)),
        page(msg(2), msg(3), msg(4), msg(5)),
        page(msg(2), msg(3), msg(4), msg(5)),
      ],
      expected: ['m1', 'm2', 'm3', 'm4', 'm5'],
    },
    {
      name: 'keeps an accepted send at the end until its echo replaces it',
      inputs: [page(msg(1)), send(2), accepted(2), created(msg(3))],
      expected: ['m1', 'm3', 'accepted:c2'],
    },
    {
      name: 'replaces an accepted send with its echo, and ignores a late acceptance',
      inputs: [send(2), accepted(2), created(msg(2, alice)), accepted(2)],
      expected: ['m2'],
    },
    {
      name: 'marks an accepted send whose echo never came failed, and a retry makes it pending again',
      inputs: [send(2), accepted(2), failed(2), send(2)],
      expected: ['pending:c2'],
    },
    {
      name: 'merges a history page’s removed placeholders as tombstones',
      inputs: [history(msg(3), placeholder(2), msg(1)), created(msg(2))],
      expected: ['m1', 'removed:m2', 'm3'],
    },
    {
      name: 'applies gap-fill updates as removals and restores',
      inputs: [page(msg(3), msg(2), msg(1)), updates(placeholder(1), msg(3)), removed(3), updates(msg(3))],
      expected: ['removed:m1', 'm2', 'm3'],
    },
    {
      name: 'places a message with an out-of-order id from a gap fill in order',
      inputs: [page(msg(1)), created(msg(4)), page(msg(1), msg(2), msg(3), msg(4))],
      expected: ['m1', 'm2', 'm3', 'm4'],
    },
  ];

  it.each(cases)('$name', ({ inputs, expected }) => {
    const timeline = run(inputs);

    expect(describeTimeline(timeline)).toEqual(expected);
  });

  it('returns the same object when an input adds nothing, so views do not re-render', () => {
    const timeline = run([page(msg(2), msg(1)), removed(1)]);

    expect(applyToTimeline(timeline, page(msg(1)))).toBe(timeline);
    expect(applyToTimeline(timeline, created(msg(2)))).toBe(timeline);
    expect(applyToTimeline(timeline, removed(1))).toBe(timeline);
  });

  it('counts unread messages after the last read id, skipping the reader’s own and removed ones', () => {
    const timeline = run([page(msg(1), msg(2), msg(3, alice), msg(4), msg(5)), removed(5)]);

    expect(countUnread(timeline, id(1), alice.sub)).toBe(2);
    expect(countUnread(timeline, undefined, alice.sub)).toBe(3);
    expect(newestStoredId(timeline)).toBe(id(5));
  });
});

describe('the timeline merge, for any order and duplication of the same inputs', () => {
  const MESSAGES = 12;
  // Server-side inputs (pages, created, removed, restored-never-removed) plus local sends whose
  // echo is among them: every such mix must converge on one timeline.
  const inputArb = fc.oneof(
    fc.uniqueArray(fc.integer({ min: 0, max: MESSAGES - 1 }), { minLength: 1, maxLength: 6 }).map((ns) =>
      page(...ns.map((n) => msg(n, n % 3 === 0 ? alice : bob))),
    ),
    fc.integer({ min: 0, max: MESSAGES - 1 }).map((n) => created(msg(n, n % 3 === 0 ? alice : bob))),
    fc.integer({ min: 0, max: MESSAGES - 1 }).map((n) => removed(n)),
    fc.integer({ min: 0, max: MESSAGES / 3 - 1 }).map((k) => send(k * 3)),
  );

  it('gives the same timeline for every permutation with duplicates', () => {
    fc.assert(
      fc.property(
        fc.array(inputArb, { minLength: 1, maxLength: 20 }).chain((inputs) =>
          fc.tuple(
            fc.constant(inputs),
            fc.shuffledSubarray(inputs, { minLength: inputs.length }),
            fc.subarray(inputs),
          ),
        ),
        fc.infiniteStream(fc.nat()),
        ([inputs, permuted, extra], randoms) => {
          const withDuplicates = [...permuted];
          extra.forEach((input) => withDuplicates.splice(randoms.next().value % (withDuplicates.length + 1), 0, input));

          expect(timelineEntries(run(withDuplicates))).toEqual(timelineEntries(run(inputs)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('always lists stored messages in id order with no id twice', () => {
    fc.assert(
      fc.property(fc.array(inputArb, { maxLength: 30 }), (inputs) => {
        const ids = timelineEntries(run(inputs))
          .filter((entry) => entry.kind !== 'outgoing')
          .map((entry) => entry.key);

        expect(ids).toEqual([...new Set(ids)].sort());
      }),
    );
  });
});

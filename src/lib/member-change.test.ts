import { describe, expect, it } from 'vitest';
import type { MemberChangedEvent } from '../../core/messages.ts';
import type { TimelineEntry } from '../../core/timeline.ts';
import { ALICE, BOB, storedMessage } from '../test-support/fake-services.ts';
import { describeMemberChange, memberChangeText, withMemberChanges } from './member-change.ts';

const alice = { sub: ALICE.sub, handle: ALICE.handle, displayName: ALICE.displayName };
const bob = { sub: BOB.sub, handle: BOB.handle, displayName: BOB.displayName };
const change = (type: MemberChangedEvent['type'], member = bob, by = alice): MemberChangedEvent => ({ type, roomId: 'p-x', member, by });
const entry = (n: number): TimelineEntry => {
  const message = storedMessage('p-x', n);
  return { kind: 'message', key: message.id, message };
};

describe('memberChangeText', () => {
  it.each([
    ['an invitation', change('member.added'), 'Alice @alice added Bob @bob'],
    ['a removal', change('member.removed'), 'Alice @alice removed Bob @bob'],
    ['leaving', change('member.removed', bob, bob), 'Bob @bob left'],
  ])('says who did what for %s', (_, event, text) => {
    expect(memberChangeText(event)).toBe(text);
  });
});

describe('withMemberChanges', () => {
  it('puts each line after the message that was newest when it came, and before all when there was none', () => {
    const [one, two] = [entry(1), entry(2)];
    const early = describeMemberChange(change('member.added'), undefined);
    const later = describeMemberChange(change('member.removed'), one.key);

    const rows = withMemberChanges([one, two], [later, early]);

    expect(rows.map((row) => (row.kind === 'member-change' ? row.text : row.key))).toEqual(['Alice @alice added Bob @bob', one.key, 'Alice @alice removed Bob @bob', two.key]);
  });

  it('puts a line whose message is no longer loaded first', () => {
    const line = describeMemberChange(change('member.added'), 'gone');
    const one = entry(1);

    expect(withMemberChanges([one], [line]).map((row) => row.key)).toEqual([line.key, one.key]);
  });

  it('gives the timeline back unchanged when there are no lines', () => {
    const entries = [entry(1)];

    expect(withMemberChanges(entries, [])).toBe(entries);
  });
});

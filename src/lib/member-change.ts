import type { MemberChangedEvent } from '../../core/messages.ts';
import type { TimelineEntry } from '../../core/timeline.ts';
import { personLabel } from './person-label.ts';

/** A member change as a room shows it: one line of text, placed after the newest message held then. */
export interface MemberChangeLine {
  key: string;
  text: string;
  /** The newest stored message id when it arrived, if any. */
  afterId?: string;
}

let sequence = 0;

/** "Alice @alice added Bob @bob", "… removed …", or "Bob @bob left" when they removed themselves. */
export function memberChangeText(change: MemberChangedEvent): string {
  const [member, by] = [personLabel(change.member), personLabel(change.by)];
  if (change.type === 'member.added') return `${by} added ${member}`;
  return change.by.sub === change.member.sub ? `${member} left` : `${by} removed ${member}`;
}

export function describeMemberChange(change: MemberChangedEvent, afterId: string | undefined): MemberChangeLine {
  sequence += 1;
  return { key: `member-${sequence}`, text: memberChangeText(change), ...(afterId === undefined ? {} : { afterId }) };
}

/** A row of a room's message list: a timeline entry, or a member change line between them. */
export type MessageListRow = TimelineEntry | { kind: 'member-change'; key: string; text: string };

/**
 * The timeline with each member change line placed right after the stored message that was the
 * newest when it arrived (before every message when the room held none); lines whose message is
 * not loaded (an older page was dropped) go first.
 */
export function withMemberChanges(entries: readonly TimelineEntry[], lines: readonly MemberChangeLine[]): MessageListRow[] {
  if (lines.length === 0) return entries as TimelineEntry[];
  const after = new Map<string, MemberChangeLine[]>();
  const first: MemberChangeLine[] = [];
  const keys = new Set(entries.map((entry) => entry.key));
  lines.forEach((line) => {
    if (line.afterId === undefined || !keys.has(line.afterId)) return first.push(line);
    after.set(line.afterId, [...(after.get(line.afterId) ?? []), line]);
  });
  const row = (line: MemberChangeLine): MessageListRow => ({ kind: 'member-change', key: line.key, text: line.text });
  return [...first.map(row), ...entries.flatMap((entry) => [entry, ...(after.get(entry.key) ?? []).map(row)])];
}

import type { TimelineEntry } from '../../core/timeline.ts';

/** Consecutive messages by one author within this long are shown as one group. */
export const GROUP_WINDOW_MS = 5 * 60_000;

/** True when `entry` continues `previous`'s group: same author, shortly after, neither removed. */
export function continuesGroup(previous: TimelineEntry | undefined, entry: TimelineEntry): boolean {
  if (!previous || previous.kind === 'removed' || entry.kind === 'removed') return false;
  if (previous.message.author.sub !== entry.message.author.sub) return false;
  const gap = new Date(entry.message.createdAt).getTime() - new Date(previous.message.createdAt).getTime();
  return gap >= 0 && gap < GROUP_WINDOW_MS;
}

import type { TimelineEntry } from '../../core/timeline.ts';

/** Consecutive messages by one author within this long are shown as one group. */
export const GROUP_WINDOW_MS = 5 * 60_000;

/**
 * True when `entry` continues `previous`'s group: same author under the same name, shortly after,
 * neither removed. A message sent after a rename starts a group, so the new name shows.
 */
export function continuesGroup(previous: TimelineEntry | undefined, entry: TimelineEntry): boolean {
  if (!previous || previous.kind === 'removed' || entry.kind === 'removed') return false;
  const [before, after] = [previous.message.author, entry.message.author];
  if (before.sub !== after.sub || before.displayName !== after.displayName || before.handle !== after.handle) return false;
  const gap = new Date(entry.message.createdAt).getTime() - new Date(previous.message.createdAt).getTime();
  return gap >= 0 && gap < GROUP_WINDOW_MS;
}

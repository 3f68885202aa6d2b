import { RateLimitedError } from '../lib/errors.ts';
import { secondsUntilWindowEnd, windowEndMs } from '../lib/rate-limiter.ts';

/**
 * The refusal of a new room over `ROOM_LIMIT`: 429 with `Retry-After` (the seconds until the
 * member's window ends) and a message the app shows as it is ("Could not create the room: …").
 */
export function roomLimitError(limit: { count: number; seconds: number }, nowMs: number): RateLimitedError {
  const wait = secondsUntilWindowEnd(limit, nowMs);
  return new RateLimitedError(
    `You can create at most ${limit.count} new ${limit.count === 1 ? 'room' : 'rooms'} per ${spanText(limit.seconds)}; try again in ${waitText(wait)}`,
    new Date(windowEndMs(limit, nowMs)).toISOString(),
    wait,
  );
}

/** `3600` → `hour`, `7200` → `2 hours`, `600` → `10 minutes`, `45` → `45 seconds`. */
export function spanText(seconds: number): string {
  if (seconds % 3600 === 0) return unit(seconds / 3600, 'hour');
  if (seconds % 60 === 0) return unit(seconds / 60, 'minute');
  return unit(seconds, 'second');
}

/** A wait as people say it: seconds under a minute, else whole minutes, rounded up. */
export function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

function unit(n: number, name: string): string {
  return n === 1 ? name : `${n} ${name}s`;
}

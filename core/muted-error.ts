/**
 * The per-event error a muted author's publish fails with, as the publish response's `failed`
 * list carries it (`message`): `Muted: you are muted until <ISO 8601>`. `persist-messages`
 * writes it, the app reads it back to say when sending works again.
 */

/** The error type, the text before the first `:` (as `RateLimited`). */
export const MUTED_ERROR_TYPE = 'Muted';

const PREFIX = `${MUTED_ERROR_TYPE}: you are muted until `;

/** What follows `Muted: ` (the server's error class adds the type). */
export function mutedErrorDetail(until: string): string {
  return PREFIX.slice(MUTED_ERROR_TYPE.length + 2) + until;
}

/** The whole per-event error text for a mute ending at `until` (ISO 8601, UTC). */
export function mutedError(until: string): string {
  return PREFIX + until;
}

/** When the mute a per-event error reports ends (ISO 8601), or null when it is not a `Muted` error. */
export function mutedUntil(error: string | undefined): string | null {
  if (error === undefined || !error.startsWith(PREFIX)) return null;
  const until = error.slice(PREFIX.length).trim();
  const ms = Date.parse(until);
  // The server writes `toISOString()`: anything else is not a time it sent.
  return Number.isFinite(ms) && new Date(ms).toISOString() === until ? until : null;
}

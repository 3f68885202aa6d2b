import { HANDLE_MAX_LENGTH, HANDLE_MIN_LENGTH } from '../../core/names.ts';
import { MAX_MENTIONS } from '../../core/limits.ts';
import type { Mention } from '../../core/messages.ts';
import type { HandleLookup } from './handle-lookup.ts';

// `@` not preceded by a handle character (so `ada@example.com` names nobody), then a handle, and
// not followed by one (so a 21-character run is no handle at all rather than a cut one).
const MENTION = new RegExp(`(?<![a-z0-9_])@([a-z0-9_]{${HANDLE_MIN_LENGTH},${HANDLE_MAX_LENGTH}})(?![a-z0-9_])`, 'g');

/** The distinct handles `@`-mentioned in `text`, in order of first mention, at most `MAX_MENTIONS`. */
export function mentionedHandles(text: string): string[] {
  const handles = [...text.matchAll(MENTION)].map((m) => m[1]!);
  return [...new Set(handles)].slice(0, MAX_MENTIONS);
}

/**
 * The mentions of `text` that name an account now: one `HANDLE#` GetItem per distinct handle
 * (0.5 RCU each, side by side), none for a text without `@`.
 */
export async function resolveMentions(lookup: HandleLookup, text: string, nowIso: string): Promise<Mention[]> {
  const handles = mentionedHandles(text);
  const subs = await Promise.all(handles.map((handle) => lookup.subOf(handle, nowIso)));
  return handles.flatMap((handle, i) => (subs[i] ? [{ sub: subs[i], handle }] : []));
}

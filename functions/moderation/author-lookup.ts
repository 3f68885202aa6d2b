import { checkHandle } from '../../core/names.ts';
import type { AuthorDirectory } from '../lib/author-directory.ts';
import type { HandleLookup } from '../lib/handle-lookup.ts';

export interface AuthorLookupDeps {
  authors: Pick<AuthorDirectory, 'find'>;
  handles: HandleLookup;
  clock: () => number;
}

/** Whom a moderator's text names (the author filter, the audit's moderator filter, a mute's author). */
export interface NamedAuthors {
  /** Every sub the text may stand for. */
  subs: string[];
  /** The subs the name directory knows the text as (or the handle's holder); `subs` less the text tried as a sub. */
  named: string[];
  /** Set when the text is a handle someone holds now: `subs` is then exactly that account. */
  handle?: string;
}

/**
 * Reads what a moderator typed. `@handle`, or a bare handle, that someone holds now names exactly
 * that account (one GetItem), whatever display names others went by: anyone can call themselves
 * "alice", only one account is @alice. Otherwise the name directory (display names and past
 * handles, case-insensitive; `@` dropped), plus the text itself as a sub.
 */
export async function resolveAuthor(deps: AuthorLookupDeps, typed: string): Promise<NamedAuthors> {
  const handle = checkHandle(typed);
  if (handle.ok) {
    const sub = await deps.handles.subOf(handle.value, new Date(deps.clock()).toISOString());
    if (sub !== null) return { subs: [sub], named: [sub], handle: handle.value };
  }
  const name = handle.ok && typed.startsWith('@') ? handle.value : typed;
  const named = await deps.authors.find(name);
  return { subs: [...new Set([...named, typed])], named };
}

import type { ProfileField } from '../../core/profile.ts';
import { nameKeys } from './skeleton.ts';

/**
 * The profile items (amplify/data/README.md, "Profiles"): one profile per account, one item per
 * taken handle, and one per confusable key of each current name. Names are unique by those keys,
 * so no account can take a name that looks like another's display name or handle.
 */

/** A profile as stored: what `GET /me` answers (without `moderator`, which comes from the token) and the rename bookkeeping. */
export interface StoredProfile {
  sub: string;
  handle: string;
  displayName: string;
  createdAt: string;
  updatedAt: string;
  /** ISO times of the name changes in the last day, oldest first: the rate limit's window. */
  changes: string[];
}

/** One key a current name claims: which name, and which of the account's fields it is. */
export interface NameClaim {
  key: string;
  name: string;
  field: ProfileField;
}

export function profileKey(sub: string): { pk: string; sk: string } {
  return { pk: `PROFILE#${sub}`, sk: 'PROFILE' };
}

/** `HANDLE#<handle>` / `HANDLE`: the exact handle, unique. The moderators' search by handle reads it too. */
export function handleItemKey(handle: string): { pk: string; sk: string } {
  return { pk: `HANDLE#${handle}`, sk: 'HANDLE' };
}

export function nameKeyItemKey(key: string): { pk: string; sk: string } {
  return { pk: `NAMEKEY#${key}`, sk: 'NAMEKEY' };
}

/**
 * The people search's index keys (gsi1): `HANDLES#<first character>` / `<handle>`, so a handle
 * prefix is one Query, `begins_with(gsi1sk, :prefix)`, in handle order. They sit on the profile,
 * not on `HANDLE#`: the profile holds exactly the current handle (a released handle's hold has no
 * profile, so it is never found) and the display name the answer shows, and every name change
 * rewrites it. 37 partitions by first character, read only as fast as people type.
 */
export function handleIndexKeys(handle: string): { gsi1pk: string; gsi1sk: string } {
  return { gsi1pk: `${HANDLES_PREFIX}${handle.slice(0, 1)}`, gsi1sk: handle };
}

export const HANDLES_PREFIX = 'HANDLES#';

/** Every writer of a profile item goes through here, so the index keys follow the handle. */
export function toProfileItem(profile: StoredProfile): Record<string, unknown> {
  return { ...profileKey(profile.sub), ...handleIndexKeys(profile.handle), type: 'profile', ...profile };
}

/** False for a profile stored before the people search (no index keys) or whose keys lag its handle. */
export function isIndexedProfile(item: Record<string, unknown>): boolean {
  const keys = handleIndexKeys(String(item.handle));
  return item.gsi1pk === keys.gsi1pk && item.gsi1sk === keys.gsi1sk;
}

export function fromProfileItem(item: Record<string, unknown>): StoredProfile {
  return {
    sub: item.sub as string,
    handle: item.handle as string,
    displayName: item.displayName as string,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    changes: Array.isArray(item.changes) ? (item.changes as string[]) : [],
  };
}

/**
 * The keys an account's names claim, each once. A display name and a handle often share a key
 * ("Alice" and `alice`); the key is then the handle's, so it stays claimed while either keeps it.
 */
export function nameClaims(names: { handle: string; displayName: string }): Map<string, NameClaim> {
  const claims = new Map<string, NameClaim>();
  for (const key of nameKeys(names.displayName)) claims.set(key, { key, name: names.displayName, field: 'displayName' });
  for (const key of nameKeys(names.handle)) claims.set(key, { key, name: names.handle, field: 'handle' });
  return claims;
}

/** A key is free for `sub` when nobody holds it, `sub` does, or its hold has passed (`now`, ISO). */
export const FREE_FOR_CALLER = 'attribute_not_exists(pk) OR #sub = :sub OR heldUntil < :now';
/** Only the caller's own item may be turned into a hold (or it is missing, then written anew). */
export const OWNED_BY_CALLER = 'attribute_not_exists(pk) OR #sub = :sub';

/** A current claim: no `heldUntil`, so nobody else may take it. */
export function claimItem(claim: NameClaim, sub: string): Record<string, unknown> {
  return { ...nameKeyItemKey(claim.key), type: 'name-key', sub, name: claim.name, field: claim.field };
}

/**
 * A released claim, held for its old owner until `heldUntil` (tokens issued before the change
 * still show the old name until then). TTL removes it a day later; the conditions compare
 * `heldUntil`, so that delay changes nothing.
 */
export function holdItem(claim: NameClaim, sub: string, heldUntil: string): Record<string, unknown> {
  return { ...claimItem(claim, sub), heldUntil, expiresAt: ttlAfter(heldUntil) };
}

export function handleItem(handle: string, sub: string, heldUntil?: string): Record<string, unknown> {
  const hold = heldUntil === undefined ? {} : { heldUntil, expiresAt: ttlAfter(heldUntil) };
  return { ...handleItemKey(handle), type: 'handle', sub, ...hold };
}

function ttlAfter(iso: string): number {
  return Math.ceil(Date.parse(iso) / 1000) + 24 * 3600;
}

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { checkDisplayName, checkHandle, handleBase } from '../../core/names.ts';
import { ConsistencyError } from './errors.ts';
import { claimItem, FREE_FOR_CALLER, handleItem, nameClaims, type StoredProfile, toProfileItem } from './profile-items.ts';
import { type ProfileWrite, writeProfileTransaction } from './profile-transaction.ts';
import { isReservedName } from './skeleton.ts';

/** Handles tried before giving up: the base, base2…base9, then random digits. */
export const MAX_HANDLE_CANDIDATES = 16;

/**
 * The handles a new account tries, in order: the base from its email, with the digits 2–9, with
 * four random five-digit suffixes, then `member` with random digits (a base that is reserved or
 * whose every suffix is, as `mod_team`, gets one of those). Reserved handles are left out: "mod@x"
 * never becomes `mod`.
 */
export function handleCandidates(base: string, random: () => number): string[] {
  const digits = () => String(10000 + Math.floor(random() * 90000));
  const candidates = [
    base,
    ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${base}${n}`),
    ...[1, 2, 3, 4].map(() => `${base}${digits()}`),
    ...[1, 2, 3].map(() => `member${digits()}`),
  ];
  return candidates.filter((handle) => checkHandle(handle).ok && !isReservedName(handle)).slice(0, MAX_HANDLE_CANDIDATES);
}

/** The display name an admin set (the `name` attribute), if it may be one: valid and not reserved. */
export function initialDisplayName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const checked = checkDisplayName(name.normalize('NFC'));
  return checked.ok && !isReservedName(checked.value) ? checked.value : undefined;
}

type Refusal = 'profile' | 'handle' | 'displayName';

/**
 * Creates the profile of an account's first sign-in: a handle from its email made unique, and the
 * admin-set name as display name when it collides with nobody (else the handle). One transaction
 * per try claims everything: the profile (absent), `HANDLE#`, and every name key. A taken handle
 * moves on to the next candidate; a taken display name falls back to the handle. When the
 * profile exists already (a concurrent first sign-in won), that one is returned by `reread`.
 */
export async function createProfile(
  deps: { client: DynamoDBDocumentClient; tableName: string; random: () => number },
  input: { sub: string; email: string | undefined; initialName: string | undefined; now: string },
  reread: () => Promise<StoredProfile | null>,
): Promise<StoredProfile> {
  const { sub, now } = input;
  let displayName = initialDisplayName(input.initialName);
  const candidates = handleCandidates(handleBase(input.email ?? sub), deps.random);
  // Every try moves on to another candidate or display name, except one lost to a concurrent transaction.
  let index = 0;
  for (let tries = 0; index < candidates.length && tries < MAX_HANDLE_CANDIDATES * 2; tries += 1) {
    const handle = candidates[index]!;
    const profile: StoredProfile = { sub, handle, displayName: displayName ?? handle, createdAt: now, updatedAt: now, changes: [] };
    const writes: ProfileWrite<Refusal>[] = [
      { item: toProfileItem(profile), condition: 'attribute_not_exists(pk)', tag: 'profile' },
      { item: handleItem(handle, sub), condition: FREE_FOR_CALLER, tag: 'handle' },
      ...[...nameClaims(profile).values()].map((claim) => ({ item: claimItem(claim, sub), condition: FREE_FOR_CALLER, tag: claim.field })),
    ];
    const outcome = await writeProfileTransaction(deps.client, deps.tableName, writes, { ':sub': sub, ':now': now });
    if (outcome.written) return profile;
    if (outcome.failed.includes('profile')) {
      const existing = await reread();
      if (existing) return existing;
    }
    if (outcome.failed.includes('handle')) index += 1;
    else if (outcome.failed.includes('displayName')) displayName = undefined;
    else if (!outcome.conflict) index += 1;
  }
  throw new ConsistencyError(`No free handle for ${sub} after ${candidates.length} tries`);
}

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NAME_CHANGES_PER_DAY, type ProfileField, type ProfileUpdate } from '../../core/profile.ts';
import type { RateLimit } from './rate-limiter.ts';
import { NameConflictError, RateLimitedError } from './errors.ts';
import {
  claimItem,
  FREE_FOR_CALLER,
  handleItem,
  holdItem,
  nameClaims,
  OWNED_BY_CALLER,
  type StoredProfile,
  toProfileItem,
} from './profile-items.ts';
import { type ProfileWrite, writeProfileTransaction } from './profile-transaction.ts';
import { isReservedName } from './skeleton.ts';


/** More than 5 name changes in a day from one account fail with 429 (`NAME_CHANGE_LIMIT` overrides it). */
export const DEFAULT_NAME_CHANGE_LIMIT = `${NAME_CHANGES_PER_DAY}/86400`;

/** The names before a change, for the audit entry. */
export interface PreviousNames {
  handle: string;
  displayName: string;
}

export type RenameOutcome = { profile: StoredProfile; previous?: PreviousNames } | 'lost-race';

export interface RenameDeps {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** How long a released name stays its old owner's (the access token lifetime). */
  holdMs: number;
  /** Name changes per account in a rolling window (`NAME_CHANGE_LIMIT`). */
  changeLimit: RateLimit;
}

type Refusal = ProfileField | 'handle-taken' | 'race';

/**
 * Applies a checked `PUT /me` to `current`, in one transaction: the profile (conditional on the
 * `updatedAt` read, so a concurrent change makes this one `lost-race`), a conditional put of each
 * new name key and of the new `HANDLE#`, each released key and the old `HANDLE#` turned into a
 * hold, and `extra` (the audit entry). A value equal to the current one changes nothing and counts
 * nothing. Throws NameConflictError (409) or RateLimitedError (429).
 */
export async function renameProfile(
  deps: RenameDeps,
  current: StoredProfile,
  update: ProfileUpdate,
  nowMs: number,
  extra: (previous: PreviousNames, profile: StoredProfile) => Record<string, unknown> | undefined,
): Promise<RenameOutcome> {
  const next = { handle: update.handle ?? current.handle, displayName: update.displayName ?? current.displayName };
  const handleChanged = next.handle !== current.handle;
  if (!handleChanged && next.displayName === current.displayName) return { profile: current };
  if (next.displayName !== current.displayName && isReservedName(next.displayName)) throw reserved(`"${next.displayName}"`, 'displayName');
  if (handleChanged && isReservedName(next.handle)) throw reserved(`@${next.handle}`, 'handle');
  const limit = deps.changeLimit;
  const windowMs = limit === 'off' ? 0 : limit.seconds * 1000;
  const window = current.changes.filter((at) => Date.parse(at) > nowMs - windowMs);
  if (limit !== 'off' && window.length >= limit.count) throw tooManyChanges(limit, Date.parse(window[0]!) + windowMs, nowMs);

  const now = new Date(nowMs).toISOString();
  const heldUntil = new Date(nowMs + deps.holdMs).toISOString();
  const previous = { handle: current.handle, displayName: current.displayName };
  const profile: StoredProfile = { ...current, ...next, updatedAt: now, changes: [...window, now] };
  const [before, after] = [nameClaims(current), nameClaims(next)];
  const writes: ProfileWrite<Refusal>[] = [{ item: toProfileItem(profile), condition: 'updatedAt = :updatedAt', tag: 'race' }];
  for (const claim of after.values()) {
    const old = before.get(claim.key);
    if (!old) writes.push({ item: claimItem(claim, current.sub), condition: FREE_FOR_CALLER, tag: claim.field });
    else if (old.name !== claim.name || old.field !== claim.field) writes.push({ item: claimItem(claim, current.sub), condition: OWNED_BY_CALLER, tag: 'race' });
  }
  for (const claim of before.values()) {
    if (!after.has(claim.key)) writes.push({ item: holdItem(claim, current.sub, heldUntil), condition: OWNED_BY_CALLER, tag: 'race' });
  }
  if (handleChanged) {
    writes.push({ item: handleItem(next.handle, current.sub), condition: FREE_FOR_CALLER, tag: 'handle-taken' });
    // Held rather than deleted: a moderator who looks up the old handle, which recent messages
    // and live tokens still show, finds this account (and not a newcomer) until the hold ends.
    writes.push({ item: handleItem(current.handle, current.sub, heldUntil), condition: OWNED_BY_CALLER, tag: 'race' });
  }
  const audit = extra(previous, profile);
  if (audit) writes.push({ item: audit, condition: 'attribute_not_exists(pk)', tag: 'race' });

  const outcome = await writeProfileTransaction(deps.client, deps.tableName, writes, { ':sub': current.sub, ':now': now, ':updatedAt': current.updatedAt });
  if (outcome.written) return { profile, previous };
  if (outcome.failed.includes('handle-taken')) throw new NameConflictError(`@${next.handle} is taken`, { field: 'handle' });
  if (outcome.failed.includes('handle')) throw lookalike(`@${next.handle}`, 'handle');
  if (outcome.failed.includes('displayName')) throw lookalike(`"${next.displayName}"`, 'displayName');
  return 'lost-race';
}

function reserved(name: string, field: ProfileField): NameConflictError {
  return new NameConflictError(`${name} is reserved: names may not be, contain or look like words such as moderator, admin or support`, { field });
}

function lookalike(name: string, field: ProfileField): NameConflictError {
  return new NameConflictError(`${name} is taken: it is, or looks like, another member's name or handle`, { field });
}

function tooManyChanges(limit: { count: number; seconds: number }, freeAtMs: number, nowMs: number): RateLimitedError {
  const seconds = Math.max(1, Math.ceil((freeAtMs - nowMs) / 1000));
  const wait = seconds < 60 ? `${seconds} s` : seconds < 3600 ? `${Math.ceil(seconds / 60)} min` : `${Math.ceil(seconds / 3600)} h`;
  return new RateLimitedError(
    `You can change your name at most ${limit.count} times ${limit.seconds === 86_400 ? 'a day' : `in ${formatSpan(limit.seconds)}`}; try again in ${wait}`,
    new Date(freeAtMs).toISOString(),
    seconds,
  );
}

function formatSpan(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

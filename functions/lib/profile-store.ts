import { randomInt } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ProfileUpdate } from '../../core/profile.ts';
import { TOKEN_VALIDITY_MINUTES } from '../../amplify/definition.ts';
import { NameConflictError } from './errors.ts';
import { createProfile } from './profile-creation.ts';
import { fromProfileItem, profileKey, type StoredProfile } from './profile-items.ts';
import { DEFAULT_NAME_CHANGE_LIMIT, type PreviousNames, renameProfile } from './profile-rename.ts';
import { parseRateLimit, type RateLimit } from './rate-limiter.ts';

export type { PreviousNames } from './profile-rename.ts';
export type { StoredProfile } from './profile-items.ts';

/**
 * How long a released name (display name or handle) stays its old owner's: the access and ID
 * token lifetime the app's client is deployed with (amplify/backend.ts sets it from the same
 * constant; the local pool too). Tokens issued before a rename carry the old name until they
 * expire, so nobody else may take it before then.
 */
export const NAME_HOLD_MS = TOKEN_VALIDITY_MINUTES * 60 * 1000;

/** Profiles in the `parley` table (amplify/data/README.md, "Profiles"). */
export interface ProfileStore {
  /** The stored profile, read strongly consistent (1 RCU): a rename a moment ago is seen. */
  get(sub: string): Promise<StoredProfile | null>;
  /**
   * The account's profile, created on its first call (the first sign-in): a handle from `email`
   * (or the sub) made unique, the display name `initialName` when it may be one, else the handle.
   */
  ensure(sub: string, email: string | undefined, initialName?: string): Promise<StoredProfile>;
  /**
   * Changes the names `update` sets (checked and sanitized by core's checkProfileUpdate) at
   * `nowMs`; `audit` gives the item written in the same transaction. A profile changed
   * concurrently is read again and the change tried once more, then refused (409).
   */
  update(
    current: StoredProfile,
    update: ProfileUpdate,
    nowMs: number,
    audit: (previous: PreviousNames, profile: StoredProfile) => Record<string, unknown> | undefined,
  ): Promise<{ profile: StoredProfile; previous?: PreviousNames }>;
}

export interface ProfileStoreOptions {
  clock?: () => number;
  /** For the random handle suffixes; tests make them predictable. */
  random?: () => number;
  holdMs?: number;
  /** Name changes per account (`NAME_CHANGE_LIMIT`); `DEFAULT_NAME_CHANGE_LIMIT` when unset. */
  changeLimit?: RateLimit;
}

export function createProfileStore(client: DynamoDBDocumentClient, tableName: string, options: ProfileStoreOptions = {}): ProfileStore {
  const clock = options.clock ?? Date.now;
  const random = options.random ?? (() => randomInt(0, 1_000_000) / 1_000_000);
  const holdMs = options.holdMs ?? NAME_HOLD_MS;
  const changeLimit = options.changeLimit ?? parseRateLimit(DEFAULT_NAME_CHANGE_LIMIT);

  async function get(sub: string): Promise<StoredProfile | null> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: profileKey(sub), ConsistentRead: true }));
    return Item ? fromProfileItem(Item) : null;
  }

  return {
    get,

    async ensure(sub, email, initialName) {
      const existing = await get(sub);
      if (existing) return existing;
      const now = new Date(clock()).toISOString();
      return createProfile({ client, tableName, random }, { sub, email, initialName, now }, () => get(sub));
    },

    async update(current, update, nowMs, audit) {
      const deps = { client, tableName, holdMs, changeLimit };
      const first = await renameProfile(deps, current, update, nowMs, audit);
      if (first !== 'lost-race') return first;
      const reread = await get(current.sub);
      const second = reread ? await renameProfile(deps, reread, update, nowMs, audit) : 'lost-race';
      if (second !== 'lost-race') return second;
      throw new NameConflictError('Your profile was changed at the same time; load it again and retry');
    },
  };
}

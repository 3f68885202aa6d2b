import { randomInt } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ProfileUpdate } from '../../core/profile.ts';
import { TOKEN_VALIDITY_MINUTES } from '../../amplify/definition.ts';
import { NameConflictError } from './errors.ts';
import { createProfile } from './profile-creation.ts';
import { fromProfileItem, isIndexedProfile, profileKey, type StoredProfile, toProfileItem } from './profile-items.ts';
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
   * A profile stored before the people search gains its index keys here (see `indexOnce`).
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
  /** Runs after `ensure` stored a new profile (an account's first sign-in); never before. */
  onCreated?: () => Promise<void>;
}

export function createProfileStore(client: DynamoDBDocumentClient, tableName: string, options: ProfileStoreOptions = {}): ProfileStore {
  const clock = options.clock ?? Date.now;
  const random = options.random ?? (() => randomInt(0, 1_000_000) / 1_000_000);
  const holdMs = options.holdMs ?? NAME_HOLD_MS;
  const changeLimit = options.changeLimit ?? parseRateLimit(DEFAULT_NAME_CHANGE_LIMIT);

  async function read(sub: string): Promise<Record<string, unknown> | undefined> {
    return (await client.send(new GetCommand({ TableName: tableName, Key: profileKey(sub), ConsistentRead: true }))).Item;
  }

  async function get(sub: string): Promise<StoredProfile | null> {
    const item = await read(sub);
    return item ? fromProfileItem(item) : null;
  }

  /**
   * Rewrites a profile stored before the people search with its index keys, so its account can be
   * found. `ensure` reads the profile at every sign-in and refresh anyway, so the check costs
   * nothing; the write happens once per such profile (~1 WCU and 1 for its index copy), after which
   * the keys are there. A Put of the same profile, on the optimistic lock a rename uses
   * (`updatedAt`): a rename in between writes the keys itself, and this put then changes nothing.
   */
  async function indexOnce(profile: StoredProfile): Promise<void> {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: toProfileItem(profile),
          ConditionExpression: 'updatedAt = :updatedAt',
          ExpressionAttributeValues: { ':updatedAt': profile.updatedAt },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  return {
    get,

    async ensure(sub, email, initialName) {
      const item = await read(sub);
      const existing = item ? fromProfileItem(item) : null;
      if (item && existing) {
        if (!isIndexedProfile(item)) await indexOnce(existing);
        return existing;
      }
      const now = new Date(clock()).toISOString();
      const created = await createProfile({ client, tableName, random }, { sub, email, initialName, now }, () => get(sub));
      await options.onCreated?.();
      return created;
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

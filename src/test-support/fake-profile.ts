import type { MentionList } from '../../core/mention-list.ts';
import type { MentionEvent } from '../../core/mention-notice.ts';
import type { Profile, ProfileUpdate } from '../../core/profile.ts';
import type { ProfileRefusalError, ProfileService, ProfileUpdateResult } from '../services/profile.ts';

/**
 * Test double of the profile API over one stored profile: `refuseNext` answers the next
 * `updateMe` with a refusal (then clears), `failNext` rejects it as a network failure would.
 * Records every update it was sent. `mentions` is the reader's stored list (`GET /me/mentions`:
 * mentions and withdrawals, a withdrawal after its mention), answered `pageSize` at a time; `mentionReads` records each read's `after`.
 */
export function createFakeProfile(stored: Profile) {
  const updates: ProfileUpdate[] = [];
  const fake = {
    profile: stored,
    updates,
    refusal: undefined as ProfileRefusalError | undefined,
    failure: undefined as unknown,
    mentions: [] as MentionEvent[],
    pageSize: 100,
    mentionReads: [] as (string | undefined)[],
    refuseNext(refusal: ProfileRefusalError) {
      fake.refusal = refusal;
    },
    failNext(failure: unknown) {
      fake.failure = failure;
    },
    async getMe(): Promise<Profile> {
      return fake.profile;
    },
    async getMyMentions(after?: string): Promise<MentionList> {
      fake.mentionReads.push(after);
      const newer = fake.mentions.filter((n) => after === undefined || n.messageId > after).sort((a, b) => a.messageId.localeCompare(b.messageId));
      const items = newer.slice(0, fake.pageSize);
      return newer.length > items.length ? { items, nextCursor: items.at(-1)!.messageId } : { items };
    },
    async updateMe(update: ProfileUpdate): Promise<ProfileUpdateResult> {
      updates.push(update);
      const { refusal, failure } = fake;
      fake.refusal = undefined;
      fake.failure = undefined;
      if (failure !== undefined) throw failure;
      if (refusal) return { ok: false, error: refusal };
      fake.profile = { ...fake.profile, ...update };
      return { ok: true, profile: fake.profile };
    },
  };
  return fake satisfies ProfileService & Record<string, unknown>;
}

export type FakeProfile = ReturnType<typeof createFakeProfile>;

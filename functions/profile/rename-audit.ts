import type { UserAuditEntry } from '../../core/moderation.ts';
import type { Profile } from '../../core/profile.ts';
import { toAuditItem } from '../lib/audit-keys.ts';
import type { PreviousNames } from '../lib/profile-store.ts';

/**
 * The `user.renamed` audit entry of a member's own name change, as its item: in the member's
 * audit partition (`AUDIT#USER#<sub>`), on gsi1 with every entry and on gsi2 under the member as
 * actor, so `GET /moderation/audit` lists it with the mutes. `user` has the new names.
 */
export function renameAuditItem(id: string, at: string, profile: Profile, previous: PreviousNames): Record<string, unknown> {
  const entry: UserAuditEntry = {
    id,
    at,
    action: 'user.renamed',
    user: profile,
    previous,
    moderator: { sub: profile.sub, handle: profile.handle, displayName: profile.displayName },
  };
  return toAuditItem(entry);
}

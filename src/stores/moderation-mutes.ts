import { defineStore } from 'pinia';
import { PAGE_SIZE } from '../../core/limits.ts';
import type { Author } from '../../core/messages.ts';
import type { Mute } from '../../core/moderation.ts';
import { describeError } from '../services/errors.ts';
import { useModerationService } from '../services/moderation.ts';
import { createPagedList } from './moderation-paging.ts';

export type MuteOutcome = { ok: true; mute: Mute } | { ok: false; error: string };
export type UnmuteOutcome = { ok: true; changed: boolean } | { ok: false; error: string };

/** The console's mutes tab (`GET /moderation/mutes`, ending soonest first) and muting from a message row. */
export const useModerationMutesStore = defineStore('moderation-mutes', () => {
  const service = useModerationService();
  const list = createPagedList<Mute>((_filters, cursor) => service.listMutes({ limit: PAGE_SIZE, cursor }));

  /** Mutes the author by `sub` (what a row knows for sure; a name may be shared). */
  async function mute(author: Author, durationSeconds: number, reason: string): Promise<MuteOutcome> {
    try {
      // The mutes tab reloads whenever it is shown, so it needs no update here.
      return { ok: true, mute: await service.mute({ author: author.sub, durationSeconds, reason: reason.trim() }) };
    } catch (cause) {
      return { ok: false, error: describeError(cause) };
    }
  }

  async function unmute(row: Mute, reason: string): Promise<UnmuteOutcome> {
    try {
      const trimmed = reason.trim();
      const result = await service.unmute(row.user.sub, trimmed ? { reason: trimmed } : {});
      list.items.value = list.items.value.filter((r) => r.user.sub !== row.user.sub);
      return { ok: true, changed: result.changed };
    } catch (cause) {
      return { ok: false, error: describeError(cause) };
    }
  }

  return { ...list, load: (force = false) => list.load({}, force), mute, unmute };
});

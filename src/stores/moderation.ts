import { defineStore } from 'pinia';
import { PAGE_SIZE } from '../../core/limits.ts';
import type { ModeratedMessage } from '../../core/moderation.ts';
import { describeError } from '../services/errors.ts';
import { useModerationService } from '../services/moderation.ts';
import { createPagedList } from './moderation-paging.ts';


export type ActionOutcome = { ok: true; changed: boolean } | { ok: false; error: string };

/** The console's message search (`GET /moderation/messages`) and the actions on its rows. */
export const useModerationStore = defineStore('moderation', () => {
  const service = useModerationService();
  const list = createPagedList<ModeratedMessage>((filters, cursor) =>
    service.listMessages(filters, { limit: PAGE_SIZE, cursor }),
  );

  async function act(row: ModeratedMessage, action: 'remove' | 'restore', reason: string): Promise<ActionOutcome> {
    const { roomId, id } = row.message;
    try {
      const trimmed = reason.trim();
      const result =
        action === 'remove'
          ? await service.remove(roomId, id, { reason: trimmed })
          : await service.restore(roomId, id, trimmed ? { reason: trimmed } : {});
      list.replace((r) => r.message.id === id && r.message.roomId === roomId, result.item);
      return { ok: true, changed: result.changed };
    } catch (cause) {
      return { ok: false, error: describeError(cause) };
    }
  }

  return {
    ...list,
    remove: (row: ModeratedMessage, reason: string) => act(row, 'remove', reason),
    restore: (row: ModeratedMessage, reason: string) => act(row, 'restore', reason),
  };
});

import { roomKindOfId } from '../../core/channels.ts';
import type { Moderator, RoomReadAuditEntry } from '../../core/moderation.ts';
import { NotFoundError } from '../lib/errors.ts';
import type { MessageIdGenerator } from '../lib/message-id.ts';
import type { ModerationStore } from './moderation-store.ts';
import type { ReportQueueStore } from './report-queue-store.ts';

/**
 * What moderators may read of members-only rooms. Public rooms: everything. Private rooms:
 * everything, each read audited (`room.read`, one entry per request and room). DMs: only a
 * message one of its two participants reported (the `reports` function lets members only report
 * in their rooms), so a moderator can judge the report; nothing else of a DM, ever.
 *
 * The one rule every moderation read asks, for one message. A read that cannot tell whether a
 * message was reported (a search, a listing, an export) passes `reported: false`, so DMs never
 * appear there; the reports queue knows, and passes `true`.
 */
export function moderatorMayRead(message: { roomId: string }, reported: boolean): boolean {
  return roomKindOfId(message.roomId) !== 'dm' || reported;
}

/** A per-room read (`roomId=` on a search, listing or export) of a DM: 404, as for a room that does not exist. */
export function requireListableRoom(roomId: string): void {
  if (!moderatorMayRead({ roomId }, false)) throw new NotFoundError(`Room ${roomId} not found`);
}

/**
 * Whether a moderator may read (and act on) one message, asking the reports only for a DM's: one
 * GetItem of its report queue item (0.5 RCU).
 */
export async function mayReadMessage(deps: { reports: Pick<ReportQueueStore, 'get'> }, roomId: string, messageId: string): Promise<boolean> {
  if (moderatorMayRead({ roomId }, false)) return true;
  return moderatorMayRead({ roomId }, (await deps.reports.get(roomId, messageId)) !== null);
}

export interface RoomReadAudit {
  /**
   * Writes a `room.read` entry for each private room among `roomIds` that this request has not
   * recorded yet; an answer that shows a private room's messages waits for it, so no read goes
   * unaudited (a failed write fails the request).
   */
  record(roomIds: Iterable<string>): Promise<void>;
}

export interface RoomReadAuditDeps {
  store: Pick<ModerationStore, 'putAudit'>;
  clock: () => number;
  nextId: MessageIdGenerator;
}

/** One per request: an export reads many pages, and still writes one entry per private room. */
export function createRoomReadAudit(deps: RoomReadAuditDeps, moderator: Moderator): RoomReadAudit {
  const recorded = new Set<string>();
  return {
    async record(roomIds) {
      const fresh = [...new Set(roomIds)].filter((roomId) => roomKindOfId(roomId) === 'private' && !recorded.has(roomId));
      await Promise.all(
        fresh.map(async (roomId) => {
          const now = deps.clock();
          const entry: RoomReadAuditEntry = { id: deps.nextId(now), at: new Date(now).toISOString(), action: 'room.read', roomId, moderator };
          await deps.store.putAudit(entry);
          recorded.add(roomId);
        }),
      );
    },
  };
}

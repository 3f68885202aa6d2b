import { defineStore } from 'pinia';
import type { RoomActionResult } from '../../core/moderation.ts';
import { foldRoomName } from '../../core/room-name-fold.ts';
import type { Room } from '../../core/rooms.ts';
import { describeError } from '../services/errors.ts';
import { useModerationService } from '../services/moderation.ts';
import { useRoomsStore } from './rooms.ts';

export type RoomActionOutcome = { ok: true; room: Room } | { ok: false; error: string };

/**
 * A moderator's actions on a room: rename, archive, unarchive. The room as the server answers it
 * is adopted at once (the `room.updated` broadcast that follows says the same), and a refusal
 * comes back as the server's words, e.g. a name that looks like another room's.
 */
export const useRoomAdminStore = defineStore('room-admin', () => {
  const service = useModerationService();
  const rooms = useRoomsStore();

  async function run(action: () => Promise<RoomActionResult>): Promise<RoomActionOutcome> {
    try {
      const { room } = await action();
      rooms.adopt(room);
      return { ok: true, room };
    } catch (cause) {
      return { ok: false, error: describeError(cause) };
    }
  }

  const withReason = (reason: string) => (reason.trim() === '' ? {} : { reason: reason.trim() });

  return {
    rename: (roomId: string, name: string, reason: string) => run(() => service.renameRoom(roomId, { name: foldRoomName(name), ...withReason(reason) })),
    setArchived: (roomId: string, archived: boolean, reason: string) => run(() => service.setRoomArchived(roomId, archived, withReason(reason))),
  };
});

import { isMembersOnlyRoomId, roomChannel } from '../../core/channels.ts';
import { NotFoundError } from './errors.ts';
import type { RoomEpochReader } from './room-epoch-reader.ts';

/**
 * The chat channel a server-side publisher (IAM) reaches a room's open clients on now: a public
 * room's without a read; a private room's or DM's on its current epoch, read strongly consistent
 * (1 RCU), so an event is never sent to a channel a removal has just retired, where only the
 * removed member may still listen.
 */
export async function currentRoomChannel(epochs: RoomEpochReader, roomId: string): Promise<string> {
  if (!isMembersOnlyRoomId(roomId)) return roomChannel(roomId);
  const { epoch } = await epochs.read(roomId, { consistent: true });
  if (epoch === undefined) throw new NotFoundError(`Room ${roomId} not found`);
  return roomChannel(roomId, epoch);
}

import { isMembersOnlyRoomId, roomChannel } from '../../core/channels.ts';
import type { Room } from '../../core/history-api.ts';
import { httpStatusOf } from '../services/errors.ts';
import type { HistoryService } from '../services/history.ts';

export interface EpochDeps {
  roomId: string;
  history: Pick<HistoryService, 'getRoom'>;
  rooms: { roomById(roomId: string): Room | undefined; adopt(room: Room): void };
  /** Whether the room is open or opening: a closed room follows nothing. */
  active(): boolean;
  /** The room's opening: an answer that arrives after the room closed or reopened is dropped. */
  opening(): number;
  /**
   * The epoch moved: subscribe on `channel()` and fill what was stored meanwhile. Resolves false
   * when that failed the room or the room closed meanwhile.
   */
  moveTo(current: number): Promise<boolean>;
  /** Sends again, on the new channel, what failed `ROOM_MOVED`. */
  resendMoved(): void;
  /** A 404 to the re-read: the reader was removed from the room. */
  lost(): void;
  fail(cause: unknown): void;
}

/**
 * Which epoch a private room or DM listens and sends on, and the move to a new one after a member
 * change rotated it. A public room has no epoch: its channel never moves.
 */
export function createEpoch(deps: EpochDeps) {
  const membersOnly = isMembersOnlyRoomId(deps.roomId);
  /** A private room's or DM's epoch the subscription is on (and sends go to); undefined for a public room. */
  let epoch: string | undefined;
  /** The re-read of the room after a member change or a `ROOM_MOVED` send, while it is out. */
  let following: Promise<void> | null = null;

  /** The room's chat channel now. */
  const channel = () => roomChannel(deps.roomId, epoch);

  /**
   * The channel to subscribe on: a private room's or DM's epoch as the room list or an earlier read
   * has it, or read now (a link to a room not listed). A read that fails (404 to a non-member) rejects.
   */
  async function resolve(): Promise<string> {
    epoch = await currentEpoch();
    return channel();
  }

  async function currentEpoch(): Promise<string | undefined> {
    if (!membersOnly) return undefined;
    const known = deps.rooms.roomById(deps.roomId)?.epoch;
    if (known !== undefined) return known;
    const room = await deps.history.getRoom(deps.roomId);
    deps.rooms.adopt(room);
    return room.epoch;
  }

  /**
   * After a member left or was removed, or a send failed `ROOM_MOVED`: re-reads the room and, when
   * its epoch moved, subscribes to the new channel, fills what came after the newest message held
   * (the merge drops what it already has) and sends again what failed `ROOM_MOVED`. A 404 means the
   * reader was removed: the room closes with `ACCESS_LOST` and leaves the room list.
   */
  function follow(): Promise<void> {
    if (!membersOnly || !deps.active()) return Promise.resolve();
    following ??= moveToCurrentEpoch(deps.opening()).finally(() => (following = null));
    return following;
  }

  async function moveToCurrentEpoch(current: number): Promise<void> {
    let room;
    try {
      room = await deps.history.getRoom(deps.roomId);
    } catch (cause) {
      if (current !== deps.opening()) return;
      if (httpStatusOf(cause) === 404) return deps.lost();
      return deps.fail(cause);
    }
    if (current !== deps.opening()) return;
    deps.rooms.adopt(room);
    if (room.epoch !== epoch && !(await deps.moveTo(current))) return;
    if (current === deps.opening()) deps.resendMoved();
  }

  return { channel, resolve, follow };
}

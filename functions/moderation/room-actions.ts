import type { RoomUpdatedEvent } from '../../core/messages.ts';
import type { Moderator, RoomActionResult, RoomAuditEntry, RoomModerationAction } from '../../core/moderation.ts';
import type { Room } from '../../core/rooms.ts';
import type { AuthorDirectory } from '../lib/author-directory.ts';
import { BadRequestError } from '../lib/errors.ts';
import type { EventPublisher } from '../lib/event-publisher.ts';
import type { Logger } from '../lib/logger.ts';
import type { MessageIdGenerator } from '../lib/message-id.ts';
import type { MetricsSink } from '../lib/metrics.ts';
import { currentRoomChannel } from '../lib/room-channel.ts';
import { readRoomName } from '../lib/room-name.ts';
import { asAuthor, parseReason } from './moderation-actions.ts';
import type { ModerationStore } from './moderation-store.ts';
import type { LastRoomAction, RoomAdminStore, RoomChange } from './room-admin-store.ts';

export interface RoomActionDeps {
  roomAdmin: RoomAdminStore;
  store: Pick<ModerationStore, 'putAudit' | 'epochs'>;
  authors: Pick<AuthorDirectory, 'record'>;
  publisher: EventPublisher;
  logger: Logger;
  metrics: MetricsSink;
  clock: () => number;
  nextId: MessageIdGenerator;
}

const METRICS: Record<RoomModerationAction, string> = {
  'room.renamed': 'RoomsRenamed',
  'room.archived': 'RoomsArchived',
  'room.unarchived': 'RoomsUnarchived',
};

/** `POST /moderation/rooms/{roomId}/rename` body: `{ name, reason? }`, the name by the rules of `POST /rooms`. */
export function parseRenameRequest(body: unknown): { next: { id: string; name: string }; reason: string | undefined } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestError('Body must be a JSON object');
  return { next: readRoomName((body as Record<string, unknown>).name), reason: parseReason(body, false) };
}

/** Renames a room; its id, and so every link to it, stays. */
export function renameRoom(deps: RoomActionDeps, roomId: string, next: { id: string; name: string }, reason: string | undefined, moderator: Moderator): Promise<RoomActionResult> {
  return act(deps, roomId, 'room.renamed', reason, moderator, (action) => deps.roomAdmin.rename(roomId, next, action), (last) => last.name === next.name);
}

/** Archives (read-only, out of the room list) or unarchives a room. */
export function setRoomArchived(deps: RoomActionDeps, roomId: string, archived: boolean, reason: string | undefined, moderator: Moderator): Promise<RoomActionResult> {
  const action = archived ? 'room.archived' : 'room.unarchived';
  return act(deps, roomId, action, reason, moderator, (last) => deps.roomAdmin.setArchived(roomId, archived, last), () => true);
}

/**
 * One room action, as remove and restore run theirs: the change once (its audit id is recorded
 * on the room, so a retry after a crash before the audit entry writes that entry, once), then the
 * room as it is now published as `room.updated` on every call, a repeat included: a publish that
 * fails answers 502, and retrying the same request delivers it.
 */
async function act(
  deps: RoomActionDeps,
  roomId: string,
  actionName: RoomModerationAction,
  reason: string | undefined,
  moderator: Moderator,
  change: (action: LastRoomAction) => Promise<RoomChange>,
  sameRequest: (last: LastRoomAction) => boolean,
): Promise<RoomActionResult> {
  const now = deps.clock();
  const action: LastRoomAction = {
    action: actionName,
    auditId: deps.nextId(now),
    at: new Date(now).toISOString(),
    by: moderator,
    ...(reason === undefined ? {} : { reason }),
  };
  const { room, changed, last } = await change(action);
  const recorded = changed ? (last ?? action) : last?.action === actionName && sameRequest(last) ? last : undefined;
  if (recorded) await deps.store.putAudit(roomAuditEntry(room, recorded));
  if (changed) {
    await deps.authors.record(asAuthor(moderator), action.at);
    deps.metrics.count(METRICS[actionName], 1);
  }
  deps.logger.info('room moderation action', { action: actionName, changed });
  const event: RoomUpdatedEvent = { type: 'room.updated', room };
  await deps.publisher.publish(await currentRoomChannel(deps.store.epochs, roomId), [event]);
  return { room, changed };
}

function roomAuditEntry(room: Room, recorded: LastRoomAction): RoomAuditEntry {
  return {
    id: recorded.auditId,
    at: recorded.at,
    action: recorded.action,
    roomId: room.id,
    name: recorded.name ?? room.name,
    ...(recorded.previousName === undefined ? {} : { previousName: recorded.previousName }),
    moderator: recorded.by,
    ...(recorded.reason === undefined ? {} : { reason: recorded.reason }),
  };
}

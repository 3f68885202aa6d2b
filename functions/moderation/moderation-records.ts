import type { AuditEntry, ModeratedMessage, ModerationAction, Moderator } from '../../core/moderation.ts';
import { fromMessageItem, isRemovedItem } from '../lib/message-item.ts';
import { currentMessage, deletedAtOf, type Overlay, previousVersions } from '../lib/overlay-item.ts';
import { AUDIT_ALL_PK, auditActorPk, auditRoomPk, auditUserPk, toAuditItem } from '../lib/audit-keys.ts';
import { storedAuthor, storedModerator } from '../lib/stored-people.ts';

/**
 * How moderation state is stored (amplify/data/README.md). On a message item: `status` and the
 * gsi2 keys while removed, and `moderation`, the last action taken (kept after a restore, so a
 * retried request can finish writing that action's audit entry).
 */
export interface LastAction {
  action: ModerationAction;
  auditId: string;
  at: string;
  by: Moderator;
  reason?: string;
}

/**
 * A message as moderation reads it: its table key (to update it), its overlay as read (kept across
 * a removal or restore, which write the message item only) and the API view.
 */
export interface StoredMessage {
  id: string;
  key: { pk: string; sk: string };
  overlay?: Overlay;
  view: ModeratedMessage;
}

/**
 * The message item with its overlay (lib/overlay-item.ts): the current text, editedAt and
 * mentions; the time its author deleted it (the text stays, for moderators); and every text its
 * edits replaced, the original on the message item first.
 */
export function toStoredMessage(item: Record<string, unknown>, overlay?: Overlay): StoredMessage {
  const message = currentMessage(fromMessageItem(item), overlay);
  const last = item.moderation as LastAction | undefined;
  const removed = isRemovedItem(item);
  const deletedAt = deletedAtOf(item, overlay);
  const versions = previousVersions(item, overlay);
  return {
    id: message.id,
    key: { pk: item.pk as string, sk: item.sk as string },
    ...(overlay ? { overlay } : {}),
    view: {
      message,
      status: removed ? 'removed' : 'visible',
      ...(removed && last ? { removal: { by: storedModerator(last.by), at: last.at, reason: last.reason ?? '' } } : {}),
      ...(deletedAt === undefined ? {} : { deletedAt }),
      ...(versions.length > 0 ? { previousVersions: versions } : {}),
    },
  };
}

export { AUDIT_ALL_PK, auditActorPk, auditRoomPk, auditUserPk, toAuditItem };

export function fromAuditItem(item: Record<string, unknown>): AuditEntry {
  const common = {
    id: item.id as string,
    at: item.at as string,
    moderator: storedModerator(item.moderator),
    ...(item.reason === undefined ? {} : { reason: item.reason as string }),
  };
  if (item.action === 'room.renamed' || item.action === 'room.archived' || item.action === 'room.unarchived') {
    return {
      ...common,
      action: item.action,
      roomId: item.roomId as string,
      name: item.name as string,
      ...(item.previousName === undefined ? {} : { previousName: item.previousName as string }),
    };
  }
  if (item.action === 'member.added' || item.action === 'member.removed') {
    return { ...common, action: item.action, roomId: item.roomId as string, member: storedModerator(item.member) };
  }
  if (item.action === 'room.read') {
    return { ...common, action: 'room.read', roomId: item.roomId as string };
  }
  if (item.action === 'user.muted' || item.action === 'user.unmuted' || item.action === 'user.renamed') {
    const previous = item.previous as { handle: string; displayName: string } | undefined;
    return {
      ...common,
      action: item.action,
      user: storedAuthor(item.user),
      ...(item.until === undefined ? {} : { until: item.until as string }),
      ...(previous === undefined ? {} : { previous: { handle: previous.handle, displayName: previous.displayName } }),
    };
  }
  if (item.action === 'report.dismissed' || item.action === 'report.resolved') {
    return {
      ...common,
      action: item.action,
      roomId: item.roomId as string,
      messageId: item.messageId as string,
      messageAuthor: storedAuthor(item.messageAuthor),
      reportId: item.reportId as string,
      reports: typeof item.reports === 'number' ? item.reports : 0,
    };
  }
  return {
    ...common,
    action: item.action as ModerationAction,
    roomId: item.roomId as string,
    messageId: item.messageId as string,
    messageAuthor: storedAuthor(item.messageAuthor),
  };
}

/** The audit entry a message's last action stands for. */
export function auditEntryOf(stored: StoredMessage, last: LastAction): AuditEntry {
  return {
    id: last.auditId,
    at: last.at,
    action: last.action,
    roomId: stored.view.message.roomId,
    messageId: stored.id,
    messageAuthor: stored.view.message.author,
    moderator: last.by,
    ...(last.reason === undefined ? {} : { reason: last.reason }),
  };
}

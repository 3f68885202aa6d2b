import { userChannel } from '../../core/channels.ts';
import type { ChatMessage } from '../../core/messages.ts';
import { type MentionEvent, mentionNoticeOf, mentionWithdrawalOf } from '../../core/mention-notice.ts';
import type { EventPublisher } from '../lib/event-publisher.ts';
import type { Logger } from '../lib/logger.ts';
import type { MembershipReader } from '../lib/membership-reader.ts';
import type { MetricsSink } from '../lib/metrics.ts';
import type { MentionStore } from './mention-store.ts';

/**
 * A message just stored, edited or deleted and the members to tell of it (`mentionRecipients` of
 * a new message, `newMentionRecipients` of an edit, `withdrawalRecipients` of a delete:
 * core/mention-notice.ts).
 */
export interface MentionsOf {
  message: ChatMessage;
  recipients: readonly string[];
}

/** Tells mentioned members, on their own channels, about messages just stored, edited or deleted. */
export interface MentionNotifier {
  /** Never rejects: the messages are stored, and a notice that does not go out must not undo that. */
  notify(mentions: readonly MentionsOf[], membersOnly: boolean, nowMs: number): Promise<void>;
  /** Takes back the mentions of messages their authors deleted, the same way; never rejects either. */
  withdraw(deleted: readonly MentionsOf[], membersOnly: boolean, nowMs: number): Promise<void>;
}

/** The metric names of one kind of event a member's channel and list carry. */
interface Counted {
  what: string;
  published: string;
  notPublished: string;
  stored: string;
  notStored: string;
}

const NOTICES: Counted = { what: 'mention notices', published: 'MentionsPublished', notPublished: 'MentionsNotPublished', stored: 'MentionsStored', notStored: 'MentionsNotStored' };
const WITHDRAWALS: Counted = {
  what: 'mention withdrawals',
  published: 'MentionWithdrawalsPublished',
  notPublished: 'MentionWithdrawalsNotPublished',
  stored: 'MentionWithdrawalsStored',
  notStored: 'MentionWithdrawalsNotStored',
};

export interface MentionNotifierDeps {
  publisher: EventPublisher;
  members: MembershipReader;
  /** Each recipient's stored list, read by `GET /me/mentions` after a notice was missed offline. */
  store: MentionStore;
  logger: Logger;
  metrics: MetricsSink;
}

/**
 * One publish per mentioned member and message (`/signals/users/<sub>`, HTTP, signed with the
 * function's role), all side by side; the publisher's own timeout bounds the wait. In a private
 * room or DM a mention may name anyone with a handle, so each mentioned sub's membership is read
 * first (one GetItem each, 0.5 RCU, once per batch): a non-member hears nothing, not even that the
 * room exists. A public room reads nothing. Beside the publishes, the same recipients' mentions are
 * stored (mention-store.ts, 1 WRU each), so one missed while the app was closed still shows. A
 * deleted message's withdrawals go the same way to the members it had mentioned.
 */
export function createMentionNotifier(deps: MentionNotifierDeps): MentionNotifier {
  const { publisher, members, store, logger, metrics } = deps;

  async function isMember(roomId: string, sub: string, cache: Map<string, Promise<boolean>>): Promise<boolean> {
    let member = cache.get(sub);
    if (!member) {
      member = members.status(roomId, sub).then((m) => m.member);
      cache.set(sub, member);
    }
    return member;
  }

  async function send(mentions: readonly MentionsOf[], membersOnly: boolean, nowMs: number, eventOf: (message: ChatMessage) => MentionEvent, counted: Counted): Promise<void> {
    const pending = latestPerMember(mentions.flatMap(({ message, recipients }) => recipients.map((sub) => ({ message, sub }))));
    if (pending.length === 0) return;
    const memberships = new Map<string, Promise<boolean>>();
    const chosen = await Promise.allSettled(
      pending.map(async ({ message, sub }) => (membersOnly && !(await isMember(message.roomId, sub, memberships)) ? [] : [{ sub, event: eventOf(message) }])),
    );
    const unread = chosen.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    const recipients = chosen.flatMap((o) => (o.status === 'fulfilled' ? o.value : []));
    const [published, stored] = await Promise.all([
      Promise.allSettled(recipients.map(({ sub, event }) => publisher.publish(userChannel(sub), [event]))),
      store.store(recipients, nowMs).then(
        (left) => ({ left, error: undefined }),
        (error: unknown) => ({ left: recipients.length, error }),
      ),
    ]);
    const failed = [...unread, ...published.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []))];
    const sent = published.filter((o) => o.status === 'fulfilled').length;
    if (sent > 0) metrics.count(counted.published, sent);
    if (failed.length > 0) {
      logger.error(`${counted.what} not published`, { failed: failed.length, error: failed[0] as Error });
      metrics.count(counted.notPublished, failed.length);
    }
    if (recipients.length - stored.left > 0) metrics.count(counted.stored, recipients.length - stored.left);
    if (stored.left > 0) {
      logger.error(`${counted.what} not stored`, { failed: stored.left, ...(stored.error === undefined ? {} : { error: stored.error as Error }) });
      metrics.count(counted.notStored, stored.left);
    }
  }

  return {
    notify: (mentions, membersOnly, nowMs) => send(mentions, membersOnly, nowMs, mentionNoticeOf, NOTICES),
    withdraw: (deleted, membersOnly, nowMs) => send(deleted, membersOnly, nowMs, mentionWithdrawalOf, WITHDRAWALS),
  };
}

/**
 * One notice per member and message, the last: two edits of one batch may both newly mention a
 * member (one between them took the mention out), and one BatchWriteItem may not put a key twice.
 */
function latestPerMember<T extends { message: ChatMessage; sub: string }>(pending: T[]): T[] {
  const key = (p: T) => `${p.sub} ${p.message.id}`;
  const keys = pending.map(key);
  return pending.filter((p, i) => keys.lastIndexOf(key(p)) === i);
}

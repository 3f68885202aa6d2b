import { userChannel } from '../../core/channels.ts';
import type { ChatMessage } from '../../core/messages.ts';
import { mentionNoticeOf, mentionRecipients } from '../../core/mention-notice.ts';
import type { EventPublisher } from '../lib/event-publisher.ts';
import type { Logger } from '../lib/logger.ts';
import type { MembershipReader } from '../lib/membership-reader.ts';
import type { MetricsSink } from '../lib/metrics.ts';

/** Tells mentioned members, on their own channels, about messages just stored. */
export interface MentionNotifier {
  /** Never rejects: the messages are stored, and a notice that does not go out must not undo that. */
  notify(messages: readonly ChatMessage[], membersOnly: boolean): Promise<void>;
}

export interface MentionNotifierDeps {
  publisher: EventPublisher;
  members: MembershipReader;
  logger: Logger;
  metrics: MetricsSink;
}

/**
 * One publish per mentioned member and message (`/signals/users/<sub>`, HTTP, signed with the
 * function's role), all side by side; the publisher's own timeout bounds the wait. In a private
 * room or DM a mention may name anyone with a handle, so each mentioned sub's membership is read
 * first (one GetItem each, 0.5 RCU, once per batch): a non-member hears nothing, not even that the
 * room exists. A public room reads nothing.
 */
export function createMentionNotifier(deps: MentionNotifierDeps): MentionNotifier {
  const { publisher, members, logger, metrics } = deps;

  async function isMember(roomId: string, sub: string, cache: Map<string, Promise<boolean>>): Promise<boolean> {
    let member = cache.get(sub);
    if (!member) {
      member = members.status(roomId, sub).then((m) => m.member);
      cache.set(sub, member);
    }
    return member;
  }

  return {
    async notify(messages, membersOnly) {
      const pending = messages.flatMap((message) => mentionRecipients(message).map((sub) => ({ message, sub })));
      if (pending.length === 0) return;
      const memberships = new Map<string, Promise<boolean>>();
      const outcomes = await Promise.allSettled(
        pending.map(async ({ message, sub }) => {
          if (membersOnly && !(await isMember(message.roomId, sub, memberships))) return false;
          await publisher.publish(userChannel(sub), [mentionNoticeOf(message)]);
          return true;
        }),
      );
      const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      const published = outcomes.filter((o) => o.status === 'fulfilled' && o.value).length;
      if (published > 0) metrics.count('MentionsPublished', published);
      if (failed.length > 0) {
        logger.error('mention notices not published', { failed: failed.length, error: failed[0] as Error });
        metrics.count('MentionsNotPublished', failed.length);
      }
    },
  };
}

/**
 * `signals` namespace: ephemeral typing indicators on `/signals/rooms/<roomId>`. Nothing is
 * stored; the handler only stamps who is typing and when.
 *
 * "At most 1 per 2 s per user" is enforced by the app, not here: the sender throttles
 * (`notifyTyping` in src/stores/typing.ts, `TYPING_THROTTLE_MS`), and receivers fold repeated
 * signals of one author into a single indicator with a timeout, so extra signals change nothing
 * on screen. This handler cannot enforce it: APPSYNC_JS keeps no state between publishes, and the
 * namespace has no data source. Enforcing it on the server would mean a Lambda (plus a DynamoDB
 * counter for an exact limit) on every keystroke signal, costing more than the signal it guards.
 * A modified client can therefore send more, bounded by AppSync's own per-connection limits; if
 * that becomes abuse, route `signals` through a data source with a per-author counter (as
 * `persist-messages` does for messages) and drop, rather than fail, the extras.
 */
import { util } from '@aws-appsync/utils';
import type { EventOnPublishContext, EventOnSubscribeContext, OutgoingEvent } from '@aws-appsync/utils';
import { authorFromIdentity } from '../../../core/author.ts';
import { SIGNALS_NAMESPACE, roomIdFromSegments } from '../../../core/channels.ts';
import { canSubscribeToRoom } from '../../../core/room-access.ts';
import type { TypingSignal } from '../../../core/messages.ts';

function isTypingPayload(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && (payload as Record<string, unknown>).type === 'typing';
}

export function onSubscribe(ctx: EventOnSubscribeContext): void {
  if (!canSubscribeToRoom(ctx.identity, ctx.info.channel.segments, SIGNALS_NAMESPACE)) {
    util.unauthorized();
  }
}

export function onPublish(ctx: EventOnPublishContext): OutgoingEvent[] {
  const author = authorFromIdentity(ctx.identity);
  if (author === null) {
    return util.unauthorized();
  }
  const roomId = roomIdFromSegments(ctx.info.channel.segments, SIGNALS_NAMESPACE);
  if (roomId === null) {
    return util.error('Signals are published to /signals/rooms/<roomId>', 'BadRequestException');
  }
  const at = util.time.nowISO8601();
  return ctx.events.map((event) => {
    if (!isTypingPayload(event.payload)) {
      return { id: event.id, error: 'Only {"type":"typing"} signals are accepted' };
    }
    const payload: TypingSignal = { type: 'typing', roomId, author, at };
    return { id: event.id, payload };
  });
}

/**
 * `signals` namespace: ephemeral typing indicators on `/signals/rooms/<roomId>`. Nothing is
 * stored; the handler only stamps who is typing and when.
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

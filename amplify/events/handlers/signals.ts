/**
 * `signals` namespace: ephemeral typing indicators on `/signals/rooms/<roomId>`
 * (`/signals/rooms/<roomId>/<epoch>` for a private room or DM). Nothing is stored; the handler
 * stamps who is typing (the same author a message carries, from the token's profile claims) and
 * when.
 *
 * "At most 1 per 2 s per user" is enforced here, on the server: APPSYNC_JS keeps no state between
 * publishes, so the handler asks the `throttleSignals` Lambda (functions/throttle-signals: one
 * conditional UpdateItem per publish, 1 WCU) which typing events may pass, and broadcasts only
 * those. The extras are dropped, not failed: an event the handler leaves out of its answer is
 * neither broadcast nor reported failed, so a throttled client sees a successful publish and
 * nobody sees the signal. The app still throttles its own sends to the same interval
 * (`TYPING_SIGNAL_INTERVAL_MS` in core/limits.ts), so a well-behaved client never hits the server
 * limit. In a private room or DM the same Lambda also checks that the author is a member and the
 * channel's epoch is current; otherwise every event fails (`NOT_FOUND`, `ROOM_MOVED`), as a
 * message there would.
 *
 * A user channel, `/signals/users/<sub>`, carries notices for one member (mentions in any room,
 * and their withdrawals when a mentioning message is deleted).
 * Only the server publishes there (persist-messages, signed with its role: IAM); a member's own
 * publish to any user channel fails per event. Only the member it names may subscribe, with no read.
 */
import { runtime, util } from '@aws-appsync/utils';
import type { EventOnPublishContext, LambdaRequest, OutgoingEvent } from '@aws-appsync/utils';
import { authorFromIdentity, isIamIdentity, isUserIdentity, NO_PROFILE } from '../../../core/author.ts';
import { SIGNALS_NAMESPACE, roomChannelFromSegments, userChannelSubFromSegments } from '../../../core/channels.ts';
import { formatEventError } from '../../../core/event-errors.ts';
import type { Author, ThrottleSignalsRequest, ThrottleSignalsResponse, TypingSignal } from '../../../core/messages.ts';
import { roomSubscribeHandler } from './room-subscribe.ts';

interface SignalsStash {
  author?: Author;
  roomId?: string;
  /** Non-typing events, failed before the Lambda call and reported alongside its answer. */
  rejected?: OutgoingEvent[];
  /** The typing events sent to the Lambda, to fail them all when it refuses the batch. */
  eventIds?: string[];
}

type SignalsPublishContext = EventOnPublishContext & {
  stash: SignalsStash;
  result?: unknown;
  error?: { message: string; type: string } | null;
};

const NOT_TYPING = formatEventError('BAD_REQUEST', 'Only {"type":"typing"} signals are accepted');
const SERVER_ONLY = formatEventError('BAD_REQUEST', 'Only the server publishes to user channels');

function isTypingPayload(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && (payload as Record<string, unknown>).type === 'typing';
}

/** Public rooms: anyone signed in; private rooms and DMs: members only (one GetItem). */
export const onSubscribe = roomSubscribeHandler(SIGNALS_NAMESPACE);

function request(ctx: SignalsPublishContext): LambdaRequest {
  const userChannel = userChannelSubFromSegments(ctx.info.channel.segments) !== null;
  if (userChannel && isIamIdentity(ctx.identity)) {
    // persist-messages' mention notices and withdrawals, already finished wire events.
    return runtime.earlyReturn(ctx.events);
  }
  if (!isUserIdentity(ctx.identity)) {
    return util.unauthorized();
  }
  if (userChannel) {
    return runtime.earlyReturn(ctx.events.map((event) => ({ id: event.id, error: SERVER_ONLY })));
  }
  const author = authorFromIdentity(ctx.identity);
  if (author === null) {
    return runtime.earlyReturn(ctx.events.map((event) => ({ id: event.id, error: formatEventError('BAD_REQUEST', NO_PROFILE) })));
  }
  const channel = roomChannelFromSegments(ctx.info.channel.segments, SIGNALS_NAMESPACE);
  if (channel === null) {
    return util.error(
      'Signals are published to /signals/rooms/<roomId> (public rooms) or /signals/rooms/<roomId>/<epoch> (private rooms and DMs)',
      'BadRequestException',
    );
  }
  const rejected: OutgoingEvent[] = ctx.events.flatMap((event) =>
    isTypingPayload(event.payload) ? [] : [{ id: event.id, error: NOT_TYPING }],
  );
  const eventIds = ctx.events.filter((event) => isTypingPayload(event.payload)).map((event) => event.id);
  if (eventIds.length === 0) {
    return runtime.earlyReturn(rejected);
  }
  ctx.stash.author = author;
  ctx.stash.roomId = channel.roomId;
  ctx.stash.rejected = rejected;
  ctx.stash.eventIds = eventIds;
  const payload: ThrottleSignalsRequest =
    channel.epoch === undefined
      ? { authorSub: author.sub, roomId: channel.roomId, eventIds }
      : { authorSub: author.sub, roomId: channel.roomId, epoch: channel.epoch, eventIds };
  return { operation: 'Invoke', payload };
}

function allowedIds(result: unknown): string[] {
  const ids = typeof result === 'object' && result !== null ? (result as Partial<ThrottleSignalsResponse>).allowedIds : null;
  return Array.isArray(ids) ? ids : [];
}

/** Why the Lambda refused the whole batch (a non-member, a stale epoch), if it did. */
function batchError(result: unknown): string | null {
  const error = typeof result === 'object' && result !== null ? (result as Partial<ThrottleSignalsResponse>).error : null;
  return typeof error === 'string' ? error : null;
}

function response(ctx: SignalsPublishContext): OutgoingEvent[] {
  const rejected = ctx.stash.rejected ?? [];
  if (ctx.error) {
    // Typing is best-effort: when the throttle cannot answer, drop the signals (nobody sees them,
    // the publisher's next one a moment later will do) rather than fail the publish loudly.
    return rejected;
  }
  const refused = batchError(ctx.result);
  if (refused !== null) {
    return [...(ctx.stash.eventIds ?? []).map((id) => ({ id, error: refused })), ...rejected];
  }
  const author = ctx.stash.author as Author;
  const roomId = ctx.stash.roomId as string;
  const at = util.time.nowISO8601();
  const allowed: OutgoingEvent[] = allowedIds(ctx.result).map((id) => {
    const payload: TypingSignal = { type: 'typing', roomId, author, at };
    return { id, payload };
  });
  return [...allowed, ...rejected];
}

export const onPublish = { request, response };

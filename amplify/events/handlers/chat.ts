/**
 * `chat` namespace: clients publish messages (`{ type: 'message', clientMsgId, text, replyTo? }`)
 * and changes to stored ones (`edit`, `delete`, `reaction`) on `/chat/rooms/<roomId>`
 * (`/chat/rooms/<roomId>/<epoch>` for a private room or DM); the handler validates each event,
 * stamps the author from the profile claims of the caller's token, has the `persistMessages`
 * Lambda store them in one request, and broadcasts each result: the stored message as
 * `message.created`, a change as the event the Lambda returned (`message.edited`,
 * `message.deleted`, `reaction.changed`). Server-side (IAM) publishers bypass all of it.
 */
import { runtime, util } from '@aws-appsync/utils';
import type { EventOnPublishContext, LambdaRequest, OutgoingEvent } from '@aws-appsync/utils';
import { authorFromIdentity, isIamIdentity, isUserIdentity, NO_PROFILE } from '../../../core/author.ts';
import { CHAT_NAMESPACE, roomChannelFromSegments } from '../../../core/channels.ts';
import { formatEventError } from '../../../core/event-errors.ts';
import type { MessageCreatedEvent, PersistRequest, PersistResponse, PersistResult, PublishedChange, PublishedChatEvent } from '../../../core/messages.ts';
import { validateChatEvent } from '../../../core/validate-message.ts';
import { roomSubscribeHandler } from './room-subscribe.ts';

interface ChatStash {
  /** Events refused before the Lambda call; reported as failed alongside its results. */
  rejected?: OutgoingEvent[];
  /** Ids of the events sent to the Lambda, to fail them all if the call fails. */
  candidateIds?: string[];
}

type ChatPublishContext = EventOnPublishContext & {
  stash: ChatStash;
  result?: unknown;
  error?: { message: string; type: string } | null;
};

/**
 * What an event fails with when the Lambda gave no answer for it (it failed, timed out, or
 * skipped the event): whether it was stored is unknown, and a retry with the same clientMsgId
 * stores it at most once.
 */
const NOT_STORED = formatEventError('UNAVAILABLE', 'Message not stored; please retry');

/** Public rooms: anyone signed in; private rooms and DMs: members only (one GetItem). */
export const onSubscribe = roomSubscribeHandler(CHAT_NAMESPACE);

/** The payload with its `text` in NFC, when it has a string `text`; anything else as it came. */
function withNfcText(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return payload;
  }
  const text = (payload as Record<string, unknown>).text;
  return typeof text === 'string' ? { ...(payload as Record<string, unknown>), text: util.str.normalize(text, 'nfc') } : payload;
}

function request(ctx: ChatPublishContext): LambdaRequest {
  if (isIamIdentity(ctx.identity)) {
    // Server-side publishers (the moderation Lambda) already send finished wire events.
    return runtime.earlyReturn(ctx.events);
  }
  if (!isUserIdentity(ctx.identity)) {
    return util.unauthorized();
  }
  const author = authorFromIdentity(ctx.identity);
  if (author === null) {
    // A member signed in with a token issued before their profile claims existed: never a name
    // from elsewhere. Their next token (a refresh or a new sign-in) carries the profile.
    return runtime.earlyReturn(ctx.events.map((event) => ({ id: event.id, error: formatEventError('BAD_REQUEST', NO_PROFILE) })));
  }
  const channel = roomChannelFromSegments(ctx.info.channel.segments, CHAT_NAMESPACE);
  if (channel === null) {
    return util.error(
      'Messages are published to /chat/rooms/<roomId> (public rooms) or /chat/rooms/<roomId>/<epoch> (private rooms and DMs)',
      'BadRequestException',
    );
  }
  // validateChatEvent sanitizes too (core/sanitize.ts); NFC is the one step core cannot do here.
  const checked = ctx.events.map((event) => ({ id: event.id, validation: validateChatEvent(withNfcText(event.payload)) }));
  const rejected: OutgoingEvent[] = checked.flatMap((c) =>
    c.validation.ok ? [] : [{ id: c.id, error: formatEventError('BAD_REQUEST', c.validation.error) }],
  );
  const valid = checked.flatMap((c) => (c.validation.ok ? [{ eventId: c.id, event: c.validation.event }] : []));
  const messages = valid.flatMap((v) => (v.event.type === 'message' ? [toStoredMessage(v.eventId, v.event)] : []));
  const changes = valid.flatMap((v) => (v.event.type === 'message' ? [] : [{ eventId: v.eventId, ...(v.event as PublishedChange) }]));
  if (valid.length === 0) {
    return runtime.earlyReturn(rejected);
  }
  ctx.stash.rejected = rejected;
  ctx.stash.candidateIds = valid.map((v) => v.eventId);
  // The epoch goes to persist-messages, which stores a private room's batch only for a member and
  // only while the epoch is current: the handler has no membership to check it against.
  const room = channel.epoch === undefined ? { roomId: channel.roomId } : { roomId: channel.roomId, epoch: channel.epoch };
  const payload: PersistRequest = changes.length === 0 ? { ...room, author, messages } : { ...room, author, messages, changes };
  return { operation: 'Invoke', payload };
}

function toStoredMessage(eventId: string, event: PublishedChatEvent): PersistRequest['messages'][number] {
  const message = event as { clientMsgId: string; text: string; replyTo?: string };
  return message.replyTo === undefined
    ? { eventId, clientMsgId: message.clientMsgId, text: message.text }
    : { eventId, clientMsgId: message.clientMsgId, text: message.text, replyTo: message.replyTo };
}

function persistResults(result: unknown): PersistResult[] {
  const results = typeof result === 'object' && result !== null ? (result as Partial<PersistResponse>).results : null;
  return Array.isArray(results) ? results : [];
}

function toOutgoingEvent(id: string, result: PersistResult | undefined): OutgoingEvent {
  if (result !== undefined && result.message !== undefined) {
    const payload: MessageCreatedEvent = { type: 'message.created', message: result.message };
    return { id, payload };
  }
  if (result !== undefined && result.change !== undefined) {
    return { id, payload: result.change };
  }
  return { id, error: result?.error ?? NOT_STORED };
}

function response(ctx: ChatPublishContext): OutgoingEvent[] {
  const rejected = ctx.stash.rejected ?? [];
  const candidateIds = ctx.stash.candidateIds ?? [];
  if (ctx.error) {
    // Nothing is broadcast that was not stored. The cause stays in the Lambda's own logs
    // rather than going to clients.
    return [...candidateIds.map((id) => ({ id, error: NOT_STORED })), ...rejected];
  }
  const results = persistResults(ctx.result);
  const stored = candidateIds.map((id) => toOutgoingEvent(id, results.find((r) => r.eventId === id)));
  return [...stored, ...rejected];
}

export const onPublish = { request, response };

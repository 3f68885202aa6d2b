import * as z from 'zod/mini';
import { isMembersOnlyRoomId, isValidEpoch, isValidRoomId } from '../../core/channels.ts';
import { isMessageId } from '../../core/message-id.ts';
import type { PersistRequest } from '../../core/messages.ts';
import { nonEmpty } from '../lib/env.ts';
import { BadRequestError } from '../lib/errors.ts';

const messageId = () => z.string().check(z.refine(isMessageId, 'invalid message id'));

const ChangeSchema = z.discriminatedUnion('type', [
  z.object({ eventId: nonEmpty(), type: z.literal('edit'), messageId: messageId(), text: z.string() }),
  z.object({ eventId: nonEmpty(), type: z.literal('delete'), messageId: messageId() }),
  z.object({ eventId: nonEmpty(), type: z.literal('reaction'), messageId: messageId(), emoji: nonEmpty(), add: z.boolean() }),
]);

/**
 * The handler validated and sanitized the request already; this re-checks the shape only, so a
 * wiring mistake fails loudly instead of storing half-formed items. zod/mini, as in lib/env.ts:
 * a message waits on this function's cold start, and zod's full API doubled its bundle.
 */
export const PersistRequestSchema = z
  .object({
    roomId: z.string().check(z.refine(isValidRoomId, 'invalid room id')),
    epoch: z.optional(z.string().check(z.refine(isValidEpoch, 'invalid epoch'))),
    author: z.object({ sub: nonEmpty(), handle: nonEmpty(), displayName: nonEmpty(), moderator: z.boolean() }),
    messages: z.array(z.object({ eventId: nonEmpty(), clientMsgId: nonEmpty(), text: z.string(), replyTo: z.optional(messageId()) })),
    changes: z.optional(z.array(ChangeSchema)),
  })
  .check(
    z.refine((r) => (r.epoch !== undefined) === isMembersOnlyRoomId(r.roomId), {
      message: 'an epoch is required for a private room or DM, and only there',
      path: ['epoch'],
    }),
  ) satisfies z.ZodMiniType<PersistRequest>;

export function parseRequest(event: unknown): PersistRequest {
  const parsed = PersistRequestSchema.safeParse(event);
  if (!parsed.success) throw new BadRequestError(`Invalid persist request: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

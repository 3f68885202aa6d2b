import { isValidRoomId } from '../../core/channels.ts';
import { isMessageId } from '../../core/message-id.ts';
import type { MessageReactions } from '../../core/reactions.ts';
import { BadRequestError } from '../lib/errors.ts';
import type { OverlayStore } from '../lib/overlay-store.ts';
import type { MyRooms } from './my-rooms.ts';

/**
 * Who reacted to a message, for the app's hover or focus list: the message's overlay item
 * (0.5 RCU) and the current names of the people it lists (one BatchGetItem of their profiles,
 * 0.5 RCU each). The caller's membership of a private room or DM is checked by the router first.
 * A message nobody reacted to, or one that does not exist, answers `{ items: [] }`.
 */
export async function whoReacted(overlays: OverlayStore, mine: MyRooms, roomId: string | undefined, messageId: string | undefined): Promise<MessageReactions> {
  if (!isValidRoomId(roomId)) throw new BadRequestError('Invalid room id');
  if (!isMessageId(messageId)) throw new BadRequestError('Invalid message id');
  const entries = ((await overlays.get(roomId, messageId))?.r ?? []).filter((entry) => entry.s.length > 0);
  const people = entries.length === 0 ? new Map() : await mine.people(entries.flatMap((entry) => entry.s));
  return {
    items: entries.map((entry) => ({
      emoji: entry.e,
      people: entry.s.flatMap((sub) => {
        const person = people.get(sub);
        return person ? [{ sub: person.sub, handle: person.handle, displayName: person.displayName }] : [];
      }),
    })),
  };
}

/**
 * Who may listen on a room channel. Kept inside the APPSYNC_JS subset: the `chat` and
 * `signals` onSubscribe handlers decide with it.
 */
import { isUserIdentity } from './author.ts';
import { roomChannelFromSegments, SIGNALS_NAMESPACE, userChannelSubFromSegments } from './channels.ts';
import { memberKey } from './members.ts';

/**
 * What a subscribe needs: `refuse` (not a signed-in user, or not exactly one well-formed room
 * channel), `allow` (a public room: anyone signed in, no read), or `member` (a private room or
 * DM on its 4-segment channel: allowed only if the membership item at `key` exists).
 */
export type SubscribeAccess =
  | { kind: 'refuse' }
  | { kind: 'allow' }
  | { kind: 'member'; roomId: string; key: { pk: string; sk: string } };

/**
 * The subscribe decision for `identity` on `segments` of `namespace`, before any read. A user
 * channel (`/signals/users/<sub>`) is open to the member it names only, with no read. Wildcards
 * and other paths are refused, so a client only hears rooms it names; a private or DM id on a
 * 3-segment channel and a public id on a 4-segment one are refused too (`roomChannelFromSegments`).
 * The epoch is not checked against the room's: a member may listen on any epoch of a room they
 * belong to, and only the current one carries anything. Listening needs no profile in the token:
 * only publishing shows the user's name.
 */
export function subscribeAccess(identity: unknown, segments: readonly string[], namespace: string): SubscribeAccess {
  if (!isUserIdentity(identity)) {
    return { kind: 'refuse' };
  }
  const sub = (identity as { sub: string }).sub;
  const userSub = namespace === SIGNALS_NAMESPACE ? userChannelSubFromSegments(segments) : null;
  if (userSub !== null) {
    return userSub === sub ? { kind: 'allow' } : { kind: 'refuse' };
  }
  const channel = roomChannelFromSegments(segments, namespace);
  if (channel === null) {
    return { kind: 'refuse' };
  }
  if (channel.epoch === undefined) {
    return { kind: 'allow' };
  }
  return { kind: 'member', roomId: channel.roomId, key: memberKey(channel.roomId, sub) };
}

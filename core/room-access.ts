/**
 * Who may listen on a room channel. Kept inside the APPSYNC_JS subset: the `chat` and
 * `signals` onSubscribe handlers decide with it.
 */
import { isUserIdentity } from './author.ts';
import { roomIdFromSegments } from './channels.ts';

/**
 * True for a signed-in user (Cognito identity) on exactly one well-formed room channel of
 * `namespace`. Wildcards and other paths are refused, so a client only hears rooms it names.
 * Listening needs no profile in the token: only publishing shows the user's name.
 */
export function canSubscribeToRoom(identity: unknown, segments: readonly string[], namespace: string): boolean {
  return isUserIdentity(identity) && roomIdFromSegments(segments, namespace) !== null;
}

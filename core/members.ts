/**
 * Where a private room's or DM's members are stored (amplify/data/README.md): one item per member
 * at `MEMBERS#<roomId>` / `<sub>`. Kept inside the APPSYNC_JS subset: the `chat` and `signals`
 * onSubscribe handlers read this key through their DynamoDB data source, and the Lambdas write and
 * read the same one (functions/lib/member-item.ts), so the two cannot drift.
 */

/** The partition of a room's members. */
export function membersPk(roomId: string): string {
  return `MEMBERS#${roomId}`;
}

/** The key of `sub`'s membership item in `roomId`: present exactly while `sub` is a member. */
export function memberKey(roomId: string, sub: string): { pk: string; sk: string } {
  return { pk: membersPk(roomId), sk: sub };
}

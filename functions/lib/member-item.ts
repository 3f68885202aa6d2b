/**
 * A member of a private room or DM (amplify/data/README.md): `MEMBERS#<roomId>` / `<sub>`, with
 * `type='member'`, `roomId`, `sub`, `handle`, `displayName`, `role`, `addedAt`, `addedBy`, and
 * `gsi2pk = MEMBEROF#<sub>`, `gsi2sk = <roomId>` (the caller's rooms for `GET /rooms`). Public
 * rooms have none. Every door of a members-only room (publish, typing signals, subscribe, history)
 * asks "is this sub a member?" with one GetItem of this key.
 */
// The key is core's: the subscribe handlers read the same one.
import { memberKey } from '../../core/members.ts';

export { memberKey, membersPk } from '../../core/members.ts';

export type MemberRole = 'owner' | 'member';

export interface MemberItem {
  pk: string;
  sk: string;
  gsi2pk: string;
  gsi2sk: string;
  type: 'member';
  roomId: string;
  sub: string;
  handle: string;
  displayName: string;
  role: MemberRole;
  addedAt: string;
  /** The sub of who added them (the creator adds themself). */
  addedBy: string;
  /**
   * DMs only: the other member, so the room list reads the peer's profile in the same batch read
   * as the room, without reading the other membership first.
   */
  peerSub?: string;
}

/** A membership as the Lambdas use it: the item without its keys. */
export type Member = Omit<MemberItem, 'pk' | 'sk' | 'gsi2pk' | 'gsi2sk' | 'type'>;

export function memberOfPk(sub: string): string {
  return `MEMBEROF#${sub}`;
}

export function toMemberItem(member: Member): MemberItem {
  return {
    ...memberKey(member.roomId, member.sub),
    gsi2pk: memberOfPk(member.sub),
    gsi2sk: member.roomId,
    type: 'member',
    ...member,
  };
}

export function fromMemberItem(item: Record<string, unknown>): Member {
  return {
    roomId: item.roomId as string,
    sub: item.sub as string,
    handle: item.handle as string,
    displayName: item.displayName as string,
    role: item.role === 'owner' ? 'owner' : 'member',
    addedAt: item.addedAt as string,
    addedBy: item.addedBy as string,
    ...(typeof item.peerSub === 'string' ? { peerSub: item.peerSub } : {}),
  };
}

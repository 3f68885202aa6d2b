/**
 * A member of a private room or DM (amplify/data/README.md): `MEMBERS#<roomId>` / `<sub>`, with
 * `type='member'`, `roomId`, `sub`, `handle`, `displayName`, `role`, `addedAt`, `addedBy`, and
 * `gsi2pk = MEMBEROF#<sub>`, `gsi2sk = <roomId>` (the caller's rooms for `GET /rooms`). Public
 * rooms have none. Every door of a members-only room (publish, typing signals, subscribe, history)
 * asks "is this sub a member?" with one GetItem of this key.
 */
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
}

export function membersPk(roomId: string): string {
  return `MEMBERS#${roomId}`;
}

export function memberOfPk(sub: string): string {
  return `MEMBEROF#${sub}`;
}

export function memberKey(roomId: string, sub: string): { pk: string; sk: string } {
  return { pk: membersPk(roomId), sk: sub };
}

export function toMemberItem(member: Omit<MemberItem, 'pk' | 'sk' | 'gsi2pk' | 'gsi2sk' | 'type'>): MemberItem {
  return {
    ...memberKey(member.roomId, member.sub),
    gsi2pk: memberOfPk(member.sub),
    gsi2sk: member.roomId,
    type: 'member',
    ...member,
  };
}

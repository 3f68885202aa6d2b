import type { RoomMember } from '../../core/history-api.ts';
import type { RoomPeer } from '../../core/rooms.ts';
import type { MembersService } from '../services/members.ts';
import type { createFakeHistory } from './fake-services.ts';

/** A refusal as Amplify's REST client throws it: the server's message and the status. */
export function apiError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { response: { statusCode } });
}

/**
 * Test double of the members API over the fake history's rooms, acting for `self`: the people
 * known by handle are `people`; a removal rotates the room's epoch (a new room object, as the
 * server's next read would answer), and removing `self` takes the room away (404 from then on).
 */
export function createFakeMembers(history: ReturnType<typeof createFakeHistory>, self: RoomPeer, people: RoomPeer[]) {
  const members = new Map<string, RoomMember[]>();
  const calls: string[] = [];
  let epochs = 0;
  const notFound = (roomId: string) => apiError(404, `Room ${roomId} not found`);
  const fake = {
    calls,
    members,
    people,
    /** What the next call rejects with (then cleared). */
    failure: undefined as Error | undefined,
    take() {
      const failure = fake.failure;
      fake.failure = undefined;
      if (failure) throw failure;
    },
    async list(roomId: string) {
      calls.push(`list ${roomId}`);
      fake.take();
      const items = members.get(roomId);
      if (!items?.some((m) => m.sub === self.sub)) throw notFound(roomId);
      return { items: [...items] };
    },
    async invite(roomId: string, handle: string) {
      calls.push(`invite ${roomId} ${handle}`);
      fake.take();
      const person = people.find((p) => p.handle === handle);
      if (!person) throw apiError(404, `Nobody has the handle @${handle}`);
      const items = members.get(roomId) ?? [];
      if (!items.some((m) => m.sub === person.sub)) members.set(roomId, [...items, { ...person, role: 'member' }]);
    },
    async remove(roomId: string, sub: string) {
      calls.push(`remove ${roomId} ${sub}`);
      fake.take();
      members.set(roomId, (members.get(roomId) ?? []).filter((m) => m.sub !== sub));
      const index = history.rooms.findIndex((room) => room.id === roomId);
      epochs += 1;
      if (sub === self.sub) history.rooms.splice(index, 1);
      else history.rooms[index] = { ...history.rooms[index]!, epoch: String(epochs).padStart(10, 'e') };
    },
    /** As the server searches: the handle prefix, never `self`, handle order, at most 10. */
    async searchPeople(prefix: string) {
      calls.push(`search ${prefix}`);
      fake.take();
      const found = people.filter((p) => p.sub !== self.sub && p.handle.startsWith(prefix)).sort((a, b) => (a.handle < b.handle ? -1 : 1));
      return { items: found.slice(0, 10).map(({ sub, handle, displayName }) => ({ sub, handle, displayName })) };
    },
    async openDm(handle: string) {
      calls.push(`dm ${handle}`);
      fake.take();
      const peer = people.find((p) => p.handle === handle);
      if (!peer) throw apiError(404, `Nobody has the handle @${handle}`);
      const id = `d-${String(people.indexOf(peer) + 1).padStart(26, '0')}`;
      const room = { id, name: 'Direct message', kind: 'dm' as const, lastMessageAt: null, epoch: 'dddddddddd', peer };
      if (!history.rooms.some((r) => r.id === id)) history.rooms.push(room);
      members.set(id, [{ ...self, role: 'member' }, { ...peer, role: 'member' }]);
      return room;
    },
  };
  return fake satisfies MembersService & Record<string, unknown>;
}

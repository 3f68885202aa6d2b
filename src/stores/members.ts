import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Room, RoomMember } from '../../core/history-api.ts';
import { checkHandle } from '../../core/names.ts';
import { describeError } from '../services/errors.ts';
import { useServices } from '../services/services.ts';
import { useRoomsStore } from './rooms.ts';
import { useSessionStore } from './session.ts';

export type MembersStatus = 'idle' | 'loading' | 'ready' | 'error';
export type MemberChange = { ok: true } | { ok: false; error: string };
export type DmOpening = { ok: true; room: Room } | { ok: false; error: string };

/**
 * The members panel of one private room at a time: its member list, inviting by handle, removing
 * (the owner and moderators) and leaving. The server decides who may do what; the panel only
 * offers what it would allow.
 */
export const useMembersStore = defineStore('members', () => {
  const { members: service } = useServices();
  const session = useSessionStore();
  const rooms = useRoomsStore();
  const roomId = ref<string | null>(null);
  const members = shallowRef<RoomMember[]>([]);
  const status = ref<MembersStatus>('idle');
  const error = ref<string | null>(null);
  let loads = 0;

  const self = computed(() => members.value.find((member) => member.sub === session.user?.sub));
  /** The owner and moderators remove others; anyone leaves. */
  const canRemove = computed(() => self.value?.role === 'owner' || session.isModerator);

  /** Loads `room`'s members (again); a later load wins. */
  async function load(room: string): Promise<void> {
    const run = (loads += 1);
    if (roomId.value !== room) members.value = [];
    roomId.value = room;
    status.value = 'loading';
    error.value = null;
    try {
      const list = await service.list(room);
      if (run !== loads) return;
      members.value = list.items;
      status.value = 'ready';
    } catch (cause) {
      if (run !== loads) return;
      status.value = 'error';
      error.value = describeError(cause);
    }
  }

  async function change(action: (room: string) => Promise<void>): Promise<MemberChange> {
    const room = roomId.value;
    if (room === null) return { ok: false, error: 'No room is open' };
    try {
      await action(room);
    } catch (cause) {
      return { ok: false, error: describeError(cause) };
    }
    await load(room);
    return { ok: true };
  }

  /** Invites the account holding `handle` (a leading @ is fine); the handle's rules are checked here first. */
  function invite(handle: string): Promise<MemberChange> {
    const checked = checkHandle(handle.trim());
    if (!checked.ok) return Promise.resolve({ ok: false, error: checked.error });
    return change((room) => service.invite(room, checked.value));
  }

  function remove(sub: string): Promise<MemberChange> {
    return change((room) => service.remove(room, sub));
  }

  /** Leaves the room: it is gone from the list at once (the server now answers 404 for it). */
  async function leave(): Promise<MemberChange> {
    const room = roomId.value;
    const sub = session.user?.sub;
    if (room === null || sub === undefined) return { ok: false, error: 'No room is open' };
    try {
      await service.remove(room, sub);
    } catch (cause) {
      return { ok: false, error: describeError(cause) };
    }
    rooms.forget(room);
    roomId.value = null;
    members.value = [];
    status.value = 'idle';
    return { ok: true };
  }

  /** The DM with the account holding `handle` (created on first use), now in the room list. */
  async function openDm(handle: string): Promise<DmOpening> {
    const checked = checkHandle(handle.trim());
    if (!checked.ok) return { ok: false, error: checked.error };
    try {
      const room = await service.openDm(checked.value);
      rooms.adopt(room);
      return { ok: true, room };
    } catch (cause) {
      return { ok: false, error: describeError(cause) };
    }
  }

  return { roomId, members, status, error, self, canRemove, load, invite, remove, leave, openDm };
});

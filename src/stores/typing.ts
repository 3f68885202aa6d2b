import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { isMembersOnlyRoomId, roomSignalsChannel } from '../../core/channels.ts';
import { TYPING_SIGNAL_INTERVAL_MS } from '../../core/limits.ts';
import type { TypingSignal } from '../../core/messages.ts';
import type { LiveSubscription } from '../services/events.ts';
import { useServices } from '../services/services.ts';
import { useRoomsStore } from './rooms.ts';
import { useSessionStore } from './session.ts';

/** At most one typing signal per this many milliseconds: the server's limit, so none is dropped. */
export const TYPING_THROTTLE_MS = TYPING_SIGNAL_INTERVAL_MS;
/** A typist disappears this long after their last signal. */
export const TYPING_TTL_MS = 5000;

interface Typist {
  sub: string;
  handle: string;
  displayName: string;
}

function isTypingSignal(value: unknown, roomId: string): value is TypingSignal {
  const signal = value as Partial<TypingSignal> | null;
  const author = signal?.author;
  return (
    signal?.type === 'typing' &&
    signal.roomId === roomId &&
    typeof author?.sub === 'string' &&
    typeof author.handle === 'string' &&
    typeof author.displayName === 'string'
  );
}

/**
 * "Alice @alice is typing…" for the room on screen, from `/signals/rooms/<id>` (a private room's or DM's
 * with its current epoch, followed when it moves); ephemeral, never stored.
 */
export const useTypingStore = defineStore('typing', () => {
  const { events } = useServices();
  const session = useSessionStore();
  const rooms = useRoomsStore();
  const roomId = ref<string | null>(null);
  const typists = ref<Typist[]>([]);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const lastSent = new Map<string, number>();
  let subscription: Promise<LiveSubscription | null> | null = null;

  function drop(sub: string): void {
    clearTimeout(timers.get(sub));
    timers.delete(sub);
    typists.value = typists.value.filter((t) => t.sub !== sub);
  }

  function onSignal(value: unknown): void {
    if (!roomId.value || !isTypingSignal(value, roomId.value) || value.author.sub === session.user?.sub) return;
    const { sub, handle, displayName } = value.author;
    clearTimeout(timers.get(sub));
    timers.set(sub, setTimeout(() => drop(sub), TYPING_TTL_MS));
    if (!typists.value.some((t) => t.sub === sub)) typists.value = [...typists.value, { sub, handle, displayName }];
  }

  /** The signals channel of `room` now, or null for a private room or DM whose epoch is not known (or no longer: access lost). */
  function channelOf(room: string): string | null {
    if (!isMembersOnlyRoomId(room)) return roomSignalsChannel(room);
    const epoch = rooms.roomById(room)?.epoch;
    return epoch === undefined ? null : roomSignalsChannel(room, epoch);
  }

  let listening: string | null = null;
  function listen(channel: string | null): void {
    if (channel === listening) return;
    listening = channel;
    void subscription?.then((live) => live?.unsubscribe());
    [...timers.keys()].forEach(drop);
    subscription = channel ? events.subscribe(channel, { next: onSignal, error: () => undefined }).catch(() => null) : null;
  }

  /** Listens to one room's signals (the room on screen), or none. */
  function watchRoom(next: string | null): void {
    if (next === roomId.value) return;
    roomId.value = next;
    listen(next === null ? null : channelOf(next));
  }

  // A member left or was removed: the room's epoch, and so its signals channel, moved.
  watch(
    () => (roomId.value === null ? null : channelOf(roomId.value)),
    (channel) => listen(channel),
  );

  /** Called on each keystroke; publishes at most once per TYPING_THROTTLE_MS. */
  function notifyTyping(room: string, now = Date.now()): void {
    const channel = channelOf(room);
    if (channel === null || now - (lastSent.get(room) ?? -Infinity) < TYPING_THROTTLE_MS) return;
    lastSent.set(room, now);
    void events.post(channel, { type: 'typing' });
  }

  /** `sub`'s message arrived in `room`: they are done typing it, whatever their last signal said. */
  function messageArrived(room: string, sub: string): void {
    if (room === roomId.value && timers.has(sub)) drop(sub);
  }

  return { roomId, typists, watchRoom, notifyTyping, messageArrived };
});

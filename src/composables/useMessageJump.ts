import { computed, nextTick, ref, watch } from 'vue';
import type { Timeline } from '../../core/timeline.ts';
import type { OlderStatus, RoomStatus } from '../stores/room.ts';

/** What a room must offer to be searched back for a message (the room store does). */
export interface JumpableRoom {
  readonly status: RoomStatus;
  readonly olderStatus: OlderStatus;
  readonly timeline: Timeline;
  loadOlder(): Promise<void>;
}

export type JumpStatus = 'idle' | 'seeking' | 'found' | 'removed' | 'missing' | 'too-far' | 'error';

export interface MessageJumpOptions {
  room: () => JumpableRoom;
  /** The message to show (the route's `?message=`), or undefined for none. */
  target: () => string | undefined;
  /** Scrolls the list to the message and focuses it once it is loaded; false when it could not. */
  reveal: (id: string) => Promise<boolean> | boolean;
  /** How many older pages to load at most before giving up. */
  maxPages?: number;
}

/**
 * The next step towards message `id`: it is loaded; or older pages must be loaded; or it is not
 * in this room's history (ids sort in room order: once older ones are loaded it cannot come).
 */
export function jumpStep(timeline: Timeline, olderStatus: OlderStatus, id: string): 'found' | 'older' | 'removed' | 'missing' {
  if (timeline.byId[id] !== undefined) return 'found';
  const oldest = timeline.ids[0];
  if (olderStatus === 'done' || (oldest !== undefined && oldest < id)) return timeline.removed[id] ? 'removed' : 'missing';
  return 'older';
}

function until(predicate: () => boolean): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = watch(predicate, (ok) => {
      if (!ok) return;
      stop();
      resolve();
    });
  });
}

/**
 * Opens a room at a linked message (`/rooms/<id>?message=<messageId>`, the moderation console's
 * row links): loads older pages until the message is there, scrolls to it and highlights it.
 */
export function useMessageJump(options: MessageJumpOptions) {
  const maxPages = options.maxPages ?? 40;
  const status = ref<JumpStatus>('idle');
  const highlighted = ref<string | undefined>();
  let handled: string | undefined;

  async function seek(id: string): Promise<JumpStatus> {
    for (let pages = 0; ; pages += 1) {
      const room = options.room();
      if (room.status !== 'ready') return 'error';
      const step = jumpStep(room.timeline, room.olderStatus, id);
      if (step !== 'older') return step;
      if (pages >= maxPages) return 'too-far';
      if (room.olderStatus === 'loading') await until(() => options.room().olderStatus !== 'loading');
      else await room.loadOlder();
      if (options.room().olderStatus === 'error') return 'error';
    }
  }

  watch(
    [options.target, () => options.room().status],
    async ([id, roomStatus]) => {
      if (id === undefined) {
        handled = undefined;
        highlighted.value = undefined;
        status.value = 'idle';
        return;
      }
      if (roomStatus !== 'ready' || handled === id) return;
      handled = id;
      status.value = 'seeking';
      const result = await seek(id);
      if (handled !== id) return;
      if (result === 'found') {
        highlighted.value = id;
        await nextTick();
        status.value = (await options.reveal(id)) ? 'found' : 'error';
      } else {
        status.value = result;
      }
    },
    { immediate: true },
  );

  const notice = computed(() => {
    switch (status.value) {
      case 'seeking':
        return 'Loading older messages to find the linked one…';
      case 'removed':
        return 'The linked message was removed by a moderator.';
      case 'missing':
        return 'The linked message is not in this room.';
      case 'too-far':
        return 'The linked message is too far back to load here; scroll up to keep looking.';
      case 'error':
        return 'Could not load the linked message.';
      default:
        return '';
    }
  });

  return { status, highlighted, notice };
}

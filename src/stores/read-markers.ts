import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useSessionStore } from './session.ts';

function storageKey(sub: string): string {
  return `parley.read.${sub}`;
}

/** The markers saved for `sub`; a value that is not a map of strings (edited by hand, an old format) counts as none. */
function loadMarkers(sub: string): Record<string, string> {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(storageKey(sub)) ?? '{}');
    if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return {};
    return Object.fromEntries(Object.entries(saved).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

/** Per room, the newest message id the signed-in user has read; kept in localStorage per user. */
export const useReadMarkersStore = defineStore('read-markers', () => {
  const session = useSessionStore();
  const markers = ref<Record<string, string>>({});
  const me = computed(() => session.user?.sub ?? '');
  watch(me, (sub) => (markers.value = sub ? loadMarkers(sub) : {}), { immediate: true });

  /** Moves the room's marker to `newestId`: call it only while that message is on screen. */
  function markRead(roomId: string, newestId: string | undefined): void {
    if (!newestId || newestId === markers.value[roomId]) return;
    markers.value = { ...markers.value, [roomId]: newestId };
    if (me.value) localStorage.setItem(storageKey(me.value), JSON.stringify(markers.value));
  }

  return { markers, markRead };
});

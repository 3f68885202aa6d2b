import { ref } from 'vue';

const open = ref(false);

/** The room list drawer on narrow screens: one for the whole app. */
export function useRoomDrawer() {
  return {
    open,
    toggle: () => {
      open.value = !open.value;
    },
    close: () => {
      open.value = false;
    },
  };
}

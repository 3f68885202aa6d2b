import { useIntervalFn, useTimestamp } from '@vueuse/core';
import type { Ref } from 'vue';

/**
 * The current time in ms, refreshed every `intervalMs` while the calling scope lives: relative
 * times ("5 min ago") need no finer clock than the default.
 */
export function useNow(intervalMs = 30_000): Ref<number> {
  return useTimestamp({ scheduler: (tick) => useIntervalFn(tick, intervalMs) });
}

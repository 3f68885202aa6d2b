import { onScopeDispose, type Ref, ref } from 'vue';

/** The current time, refreshed every `intervalMs` while the calling component lives. */
export function useNow(intervalMs = 30_000): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => {
    now.value = Date.now();
  }, intervalMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}

import { onBeforeUnmount, ref } from 'vue';

/** Whether the page is on screen (`document.visibilityState`): a hidden tab reads nothing. */
export function usePageVisible() {
  const visible = ref(typeof document === 'undefined' || document.visibilityState !== 'hidden');
  const update = () => {
    visible.value = document.visibilityState !== 'hidden';
  };
  document.addEventListener('visibilitychange', update);
  onBeforeUnmount(() => document.removeEventListener('visibilitychange', update));
  return visible;
}

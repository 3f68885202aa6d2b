import { onActivated, onDeactivated, type Ref, ref } from 'vue';

export interface KeptAliveHooks {
  /** Each time the component is shown again after being set aside (not its first showing). */
  shownAgain?: () => void;
  /** Each time it is set aside, out of the document, while another view is shown. */
  hidden?: () => void;
}

/**
 * For a component under `<KeepAlive>` (the rooms in RoomView): whether it is on screen now.
 * `shownAgain` runs only after the component was set aside: Vue calls the activation hook on a
 * first mount too, but not for a component that mounts later inside a view already shown (the
 * message list once a slow page is in), so counting activations would miss its first return.
 * Outside a KeepAlive the component is simply always shown.
 */
export function useKeptAlive(hooks: KeptAliveHooks = {}): Readonly<Ref<boolean>> {
  const shown = ref(true);
  let setAside = false;
  onActivated(() => {
    shown.value = true;
    if (!setAside) return;
    setAside = false;
    hooks.shownAgain?.();
  });
  onDeactivated(() => {
    shown.value = false;
    setAside = true;
    hooks.hidden?.();
  });
  return shown;
}

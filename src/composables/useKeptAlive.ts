import { onActivated, onDeactivated, type Ref, ref } from 'vue';

export interface KeptAliveHooks {
  /** Each time the component is shown again after being set aside (not its first showing). */
  shownAgain?: () => void;
  /** Each time it is set aside, out of the document, while another view is shown. */
  hidden?: () => void;
}

/**
 * For a component under `<KeepAlive>` (the rooms in RoomView): whether it is on screen now. Vue
 * calls the activation hook on the first mount too; `shownAgain` skips that one. Outside a
 * KeepAlive the component is simply always shown.
 */
export function useKeptAlive(hooks: KeptAliveHooks = {}): Readonly<Ref<boolean>> {
  const shown = ref(true);
  let activations = 0;
  onActivated(() => {
    shown.value = true;
    activations += 1;
    if (activations > 1) hooks.shownAgain?.();
  });
  onDeactivated(() => {
    shown.value = false;
    hooks.hidden?.();
  });
  return shown;
}

import { useFocusTrap as useFocusTrapBase } from '@vueuse/integrations/useFocusTrap';
import { nextTick, type Ref, watch } from 'vue';

export interface FocusTrapOptions {
  /** The element focus stays in while `active`. */
  container: Ref<HTMLElement | null>;
  active: Ref<boolean>;
  /** Escape pressed while active (the owner closes). */
  onEscape: () => void;
}

/**
 * A modal focus trap (WAI-ARIA APG dialog pattern, by focus-trap): on activation focus moves to
 * the first tabbable element inside, Tab and Shift+Tab cycle inside, Escape calls `onEscape`; on
 * deactivation focus returns to where it was.
 */
export function useFocusTrap(options: FocusTrapOptions): void {
  const trap = useFocusTrapBase(options.container, {
    // The owner closes, and `active` turning false deactivates: one way out, whatever closed it.
    escapeDeactivates: (event) => {
      event.preventDefault();
      options.onEscape();
      return false;
    },
    // Clicks outside (the scrim, which closes the drawer) go through as before.
    allowOutsideClick: true,
    // The container becomes visible, and the opener stops being inert, only with the DOM update.
    checkCanFocusTrap: () => nextTick(),
    checkCanReturnFocus: () => nextTick(),
    // A container with nothing tabbable yet keeps focus on itself instead of failing to activate.
    fallbackFocus: () => options.container.value ?? document.body,
  });
  // Before the DOM updates (flush 'pre'), so that the trap records the opener while it still has focus.
  watch(options.active, (active) => (active ? trap.activate() : trap.deactivate()));
}

import type { FocusTrap } from 'focus-trap';
import { nextTick, onScopeDispose, type Ref, watch } from 'vue';

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
 * deactivation focus returns to where it was. focus-trap is loaded the first time a trap
 * activates: only the room drawer on narrow screens uses one, so the first page load does not
 * carry it.
 */
export function useFocusTrap(options: FocusTrapOptions): void {
  let trap: FocusTrap | null = null;
  let disposed = false;
  /** Where focus goes back to on deactivation: the element that had it when the trap was asked for. */
  let returnTo: HTMLElement | false = false;

  async function activate(opener: Element | null): Promise<void> {
    returnTo = opener instanceof HTMLElement ? opener : false;
    const { createFocusTrap } = await import('focus-trap');
    // The container becomes visible, and the opener stops being inert, only with the DOM update.
    await nextTick();
    const container = options.container.value;
    if (disposed || !options.active.value || !container) return;
    trap ??= createFocusTrap(container, {
      // The owner closes, and `active` turning false deactivates: one way out, whatever closed it.
      escapeDeactivates: (event) => {
        event.preventDefault();
        options.onEscape();
        return false;
      },
      // Clicks outside (the scrim, which closes the drawer) go through as before.
      allowOutsideClick: true,
      // A container with nothing tabbable yet keeps focus on itself instead of failing to activate.
      fallbackFocus: () => options.container.value ?? document.body,
      setReturnFocus: () => returnTo,
    });
    trap.updateContainerElements(container);
    trap.activate();
  }

  // Before the DOM updates (flush 'pre'): the opener is read while it still has focus.
  watch(options.active, (active) => {
    if (active) void activate(document.activeElement);
    else trap?.deactivate({ checkCanReturnFocus: () => nextTick() });
  });
  onScopeDispose(() => {
    disposed = true;
    trap?.deactivate({ returnFocus: false });
  });
}

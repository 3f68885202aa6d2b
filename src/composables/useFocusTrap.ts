import { nextTick, onBeforeUnmount, type Ref, watch } from 'vue';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface FocusTrapOptions {
  /** The element focus stays in while `active`. */
  container: Ref<HTMLElement | null>;
  active: Ref<boolean>;
  /** Escape pressed while active (the owner closes). */
  onEscape: () => void;
}

/**
 * A modal focus trap (WAI-ARIA APG dialog pattern): on activation focus moves to the first
 * focusable element inside, Tab and Shift+Tab cycle inside, Escape calls `onEscape`; on
 * deactivation focus returns to where it was.
 */
export function useFocusTrap(options: FocusTrapOptions): void {
  let returnTo: HTMLElement | null = null;

  function focusables(): HTMLElement[] {
    const root = options.container.value;
    return root ? [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0) : [];
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      options.onEscape();
      return;
    }
    if (event.key !== 'Tab') return;
    const items = focusables();
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    const inside = options.container.value?.contains(document.activeElement) ?? false;
    if (event.shiftKey && (document.activeElement === first || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  }

  // Where focus was is read before the DOM updates (the opener may become inert); focus moves after.
  watch(options.active, async (active) => {
    if (active) {
      returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      document.addEventListener('keydown', onKeydown);
      await nextTick();
      focusables()[0]?.focus();
    } else {
      document.removeEventListener('keydown', onKeydown);
      const target = returnTo;
      returnTo = null;
      await nextTick();
      if (target?.isConnected) target.focus();
    }
  });
  onBeforeUnmount(() => document.removeEventListener('keydown', onKeydown));
}

import { type Ref, watchEffect } from 'vue';

/** `(3) Room lobby · Parley`: the page, with the total unread count first when there is one. */
export function useDocumentTitle(page: Ref<string>, unread: Ref<number>): void {
  watchEffect(() => {
    const prefix = unread.value > 0 ? `(${unread.value}) ` : '';
    document.title = `${prefix}${page.value ? `${page.value} · ` : ''}Parley`;
  });
}

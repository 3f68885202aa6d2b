import { type Ref, watchEffect } from 'vue';

/** `(3) Room lobby · Parley`: the page, with the total unread count first when there is one. */
export function useDocumentTitle(page: Ref<string>, unread: Ref<number>): void {
  let title = '';
  let queued = false;
  watchEffect(() => {
    const prefix = unread.value > 0 ? `(${unread.value}) ` : '';
    title = `${prefix}${page.value ? `${page.value} · ` : ''}Parley`;
    if (queued) return;
    queued = true;
    // Each write reaches the browser's UI, so write once after the update: a count that goes up
    // and back within it (a room's first page arrives and is read on screen) writes nothing.
    queueMicrotask(() => {
      queued = false;
      if (document.title !== title) document.title = title;
    });
  });
}

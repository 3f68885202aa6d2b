import { type Ref, watchEffect } from 'vue';
import { whenIdle } from '../lib/defer.ts';

/** `(3) Room lobby · Parley`: the page, with the total unread count first when there is one. */
export function useDocumentTitle(page: Ref<string>, unread: Ref<number>): void {
  let title = '';
  let queued = false;
  watchEffect(() => {
    const prefix = unread.value > 0 ? `(${unread.value}) ` : '';
    title = `${prefix}${page.value ? `${page.value} · ` : ''}Parley`;
    if (queued) return;
    queued = true;
    // Each write is a synchronous trip to the browser's UI: write once, when idle, so that it
    // neither delays the frame that shows the change nor repeats for a count that goes up and back
    // in the meantime (a room's first page arrives and is read on screen).
    whenIdle(() => {
      queued = false;
      if (document.title !== title) document.title = title;
    });
  });
}

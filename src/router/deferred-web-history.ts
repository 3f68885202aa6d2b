import { createWebHistory, type RouterHistory } from 'vue-router';
import { afterNextPaint } from '../lib/defer.ts';

/**
 * The browser's history for the router, with each new entry written after the next paint rather
 * than in the task that renders the new route: Chromium's pushState and replaceState, and the
 * router's scroll bookkeeping in sessionStorage, cost milliseconds there, and opening a room from
 * the list would wait for them before it is seen. The writes keep their order; whatever reads or
 * moves the history (its state, `go`, `destroy`) applies them first, and a back or forward
 * navigation before they are written drops them (the user went elsewhere).
 */
export function createDeferredWebHistory(base?: string): RouterHistory {
  const web = createWebHistory(base);
  const pending: (() => void)[] = [];
  /** Where the pending writes lead: the location the router has navigated to. */
  let target: string | undefined;

  function flush(): void {
    target = undefined;
    pending.splice(0).forEach((write) => write());
  }

  function later(to: string, write: () => void): void {
    if (pending.length === 0) afterNextPaint(flush);
    pending.push(write);
    target = to;
  }

  return {
    base: web.base,
    get location() {
      return target ?? web.location;
    },
    get state() {
      flush();
      return web.state;
    },
    createHref: (location) => web.createHref(location),
    push: (to, data) => later(to, () => web.push(to, data)),
    replace: (to, data) => later(to, () => web.replace(to, data)),
    go: (delta, triggerListeners) => {
      flush();
      web.go(delta, triggerListeners);
    },
    listen: (callback) =>
      web.listen((to, from, information) => {
        pending.length = 0;
        target = undefined;
        callback(to, from, information);
      }),
    destroy: () => {
      flush();
      web.destroy();
    },
  };
}

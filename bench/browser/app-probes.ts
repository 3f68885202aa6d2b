/**
 * What `bench/app.ts` runs inside the benchmarked pages. Bundled by esbuild into an init script:
 * it marks the first message paint of every navigation (`window.__painted`, ms since navigation
 * start) and exposes the probes as `window.parleyBench`. "Painted" is two animation frames after
 * the DOM change: the first frame's rendering has then happened. Browser code only (see
 * tsconfig.bench-browser.json).
 */

declare global {
  interface Window {
    __painted?: number;
    __seen?: Record<string, number>;
  }
}

import { PAINT_MARK } from './paint-mark.ts';

/**
 * Init script: `__painted` = ms since navigation start when the first message article is painted,
 * also printed as a console line (`PAINT_MARK`) for a bench that must not poll the loading page.
 */
function markFirstArticlePaint(): void {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[role="feed"] article, ol#bare li')) return;
    observer.disconnect();
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        window.__painted = performance.now();
        console.debug(`${PAINT_MARK}${window.__painted}`);
      }),
    );
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * Scrolls the room list until the link to `roomId` is rendered: the list renders only the rows
 * in view, and private rooms are grouped below the public ones. Run before `settle`, so the
 * scrolling is not timed.
 */
async function revealRoomLink(roomId: string): Promise<void> {
  const nav = document.querySelector<HTMLElement>('nav[aria-label="Rooms"]');
  if (!nav) throw new Error('No room list');
  const rendered = () => nav.querySelector(`a[href="/rooms/${roomId}"]`);
  const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  if (rendered()) return;
  nav.scrollTop = 0;
  await frames();
  while (!rendered()) {
    const before = nav.scrollTop;
    nav.scrollTop = before + nav.clientHeight / 2;
    await frames();
    if (nav.scrollTop === before && !rendered()) {
      throw new Error(`No link to ${roomId} in the room list (at ${nav.scrollTop} of ${nav.scrollHeight} px, ${nav.querySelectorAll('a').length} links)`);
    }
  }
}

/**
 * In the app: clicks a room in the list; ms from the click to the first painted message of that
 * room (its feed is labelled with the room's name: `label`, which for a public room is its id).
 */
async function openRoomFromList(roomId: string, label = roomId): Promise<number> {
  // Usually rendered already (revealed before the quiet wait); if the list moved since, again.
  await revealRoomLink(roomId);
  const link = document.querySelector<HTMLAnchorElement>(`nav[aria-label="Rooms"] a[href="/rooms/${roomId}"]`);
  if (!link) throw new Error(`No link to ${roomId} in the room list`);
  return new Promise((resolve) => {
    let started = 0;
    const observer = new MutationObserver(() => {
      if (!document.querySelector(`[role="feed"][aria-label="Messages in ${label}"] article`)) return;
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
    });
    observer.observe(document.body, { childList: true, subtree: true });
    started = performance.now();
    link.click();
  });
}

/**
 * The baseline: a bare `fetch` of the same newest page, its items appended as list items, painted.
 * The clock starts before the token is read, as the app's clock runs while it reads its own.
 */
async function bareFetch({ endpoint, roomId, limit }: { endpoint: string; roomId: string; limit: number }): Promise<number> {
  const started = performance.now();
  const key = Object.keys(localStorage).find((k) => k.startsWith('CognitoIdentityServiceProvider.') && k.endsWith('.accessToken'));
  const token = (key && localStorage.getItem(key)) || '';
  const response = await fetch(`${endpoint}/rooms/${encodeURIComponent(roomId)}/messages?limit=${limit}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const { items } = (await response.json()) as { items: { text: string; author: { displayName: string } }[] };
  const list = document.createElement('ol');
  list.style.cssText = 'position:fixed;inset:0;margin:0;overflow:hidden;background:#fff;z-index:1000';
  for (const item of items.reverse()) {
    const li = document.createElement('li');
    li.textContent = `${item.author.displayName}: ${item.text}`;
    list.append(li);
  }
  document.body.append(list);
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const elapsed = performance.now() - started;
  list.remove();
  return elapsed;
}

/**
 * Resolves once the page has been quiet for a while: what one probe leaves running (the app
 * rendering more rows after its first paint, subscribing to typing signals, …) must not land in
 * the next probe's time, whichever side that is.
 */
async function settle(quietMs = 50): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, quietMs));
  await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 }));
}

/** Scrolls to the top until the room's first message is loaded; resolves how long it took, ms. */
async function loadWholeRoom(timeoutMs: number): Promise<number> {
  const scroller = document.querySelector<HTMLElement>('.scroller');
  if (!scroller) throw new Error('No message scroller');
  const started = performance.now();
  while (!document.querySelector('.top-marker')?.textContent?.includes('Start of the room')) {
    if (performance.now() - started > timeoutMs) throw new Error('The room did not finish loading');
    scroller.scrollTop = 0;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return performance.now() - started;
}

/** Scrolls from the top to the bottom in `step` px per frame; resolves the frame intervals, ms. */
async function scrollThrough(step: number): Promise<number[]> {
  const scroller = document.querySelector<HTMLElement>('.scroller');
  if (!scroller) throw new Error('No message scroller');
  scroller.scrollTop = 0;
  const frames: number[] = [];
  let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
  while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
    scroller.scrollTop += step;
    const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    frames.push(now - last);
    last = now;
  }
  return frames;
}

/** In the receiving tab: records, per message text, the wall-clock ms when its article entered the DOM. */
function watchArrivals(): void {
  const seen: Record<string, number> = {};
  window.__seen = seen;
  const feed = document.querySelector('[role="feed"]');
  if (!feed) throw new Error('No feed');
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        const articles = node.matches('article') ? [node] : [...node.querySelectorAll('article')];
        for (const article of articles) {
          const text = article.querySelector('.text')?.textContent ?? '';
          if (text && seen[text] === undefined) seen[text] = at;
        }
      }
    }
  }).observe(feed, { childList: true, subtree: true });
}

/** In the sending tab: types `text` and clicks Send; resolves the wall-clock ms of the click. */
function sendByClick(text: string): number {
  const box = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]');
  const button = [...document.querySelectorAll<HTMLButtonElement>('button[type="submit"]')].find((b) => b.textContent?.trim() === 'Send');
  if (!box || !button) throw new Error('No composer');
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true }));
  const at = performance.timeOrigin + performance.now();
  button.click();
  return at;
}

Object.assign(window, { parleyBench: { settle, revealRoomLink, openRoomFromList, bareFetch, loadWholeRoom, scrollThrough, watchArrivals, sendByClick } });
markFirstArticlePaint();

import type { Page } from 'playwright-core';

/** One message as the DOM shows it. */
export interface RenderedMessage {
  text: string;
  /** Tag names of every element inside the message text. */
  elements: string[];
  anchors: { href: string; rel: string; target: string; text: string }[];
}

/** The page's globals the in-page predicates use (this project compiles without the DOM lib). */
export interface PageGlobals {
  document: {
    querySelector(selector: string): { textContent: string | null } | null;
    querySelectorAll(selector: string): { length: number };
  };
  __xss: { hits: string[]; violations: string[] };
}

interface ScanStep {
  items: RenderedMessage[];
  atTop: boolean;
  loadingOlder: boolean;
  startOfRoom: boolean;
  /** Inline scripts, frames and plugins anywhere in the document: the app has none. */
  strayElements: string[];
}

// In-page code is a string (run through CDP, which the page's CSP does not govern), so no
// transpiler helper ends up inside it.
const DESCRIBE = `(el) => ({
  text: el.textContent,
  elements: [...el.querySelectorAll('*')].map((n) => n.tagName.toLowerCase()),
  anchors: [...el.querySelectorAll('a')].map((a) => ({
    href: a.getAttribute('href') ?? '', rel: a.getAttribute('rel') ?? '', target: a.getAttribute('target') ?? '', text: a.textContent,
  })),
})`;

const STRAY = `[...document.querySelectorAll('script:not([src]), iframe, object, embed, frame, base, meta[http-equiv="refresh"]')]
  .map((n) => n.outerHTML.slice(0, 120))`;

const ROOM_STEP = `(() => {
  const describe = ${DESCRIBE};
  const scroller = document.querySelector('.scroller');
  const marker = document.querySelector('.top-marker')?.textContent ?? '';
  return {
    items: [...document.querySelectorAll('[role=feed] article:not([data-key^="out:"]) .text')].map(describe),
    atTop: (scroller?.scrollTop ?? 0) <= 0,
    loadingOlder: marker.includes('Loading'),
    startOfRoom: marker.includes('Start of the room'),
    strayElements: ${STRAY},
  };
})()`;

const SCROLL_UP = `new Promise((resolve) => {
  const scroller = document.querySelector('.scroller');
  scroller.scrollTop = Math.max(0, scroller.scrollTop - scroller.clientHeight * 0.7);
  requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
})`;

const MODERATION_STEP = `(() => ({
  items: [...document.querySelectorAll('#moderation-panel-messages tbody td.text')].map(${DESCRIBE}),
  strayElements: ${STRAY},
}))()`;

export interface Scan {
  items: RenderedMessage[];
  strayElements: string[];
  /** What the view said about its state, for a failure message. */
  note?: string;
}

const SCROLL_TO_BOTTOM = `new Promise((resolve) => {
  const scroller = document.querySelector('.scroller');
  scroller.scrollTop = scroller.scrollHeight;
  requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
})`;

/** Sweeps from the bottom to the start of the room; a room whose messages are all there needs one. */
const MAX_SWEEPS = 3;

/**
 * Every message of the open room, until `expected` distinct messages were seen: sweeps the
 * virtualized list from the bottom to the start of the room (loading older pages on the way),
 * and sweeps again if the first began before the list had settled at the bottom.
 */
export async function scanRoom(page: Page, expected: number): Promise<Scan> {
  await page.locator('[role=feed] article').first().waitFor();
  const seen = new Map<string, RenderedMessage>();
  const stray = new Set<string>();
  let sweeps = 0;
  for (let step = 0; step < 500 && seen.size < expected && sweeps < MAX_SWEEPS; step += 1) {
    const state = (await page.evaluate(ROOM_STEP)) as ScanStep;
    for (const item of state.items) seen.set(item.text, item);
    for (const element of state.strayElements) stray.add(element);
    if (state.loadingOlder) {
      await page.waitForFunction(() => !((globalThis as unknown as PageGlobals).document.querySelector('.top-marker')?.textContent ?? '').includes('Loading'));
    } else if (state.atTop && state.startOfRoom) {
      sweeps += 1;
      await page.evaluate(SCROLL_TO_BOTTOM);
    } else {
      await page.evaluate(SCROLL_UP);
    }
  }
  return { items: [...seen.values()], strayElements: [...stray], note: `${seen.size} seen in ${sweeps} sweeps` };
}

const MODERATION_STATE = `({
  rows: document.querySelectorAll('#moderation-panel-messages tbody tr').length,
  summary: document.querySelector('#moderation-panel-messages .summary')?.textContent ?? '',
  problem: document.querySelector('#moderation-panel-messages [role=alert]')?.textContent ?? '',
})`;

/**
 * The message cells of the moderation console's results table, once it lists `expected` rows:
 * it loads further pages as its sentinel comes into view, or through its buttons.
 */
export async function scanModeration(page: Page, expected: number): Promise<Scan> {
  const panel = page.locator('#moderation-panel-messages');
  await panel.getByRole('status').filter({ hasText: /^(Showing|No |The text search)/ }).or(panel.getByRole('alert')).first().waitFor();
  let state = (await page.evaluate(MODERATION_STATE)) as { rows: number; summary: string; problem: string };
  for (let step = 0; step < 50 && state.rows < expected && !state.summary.startsWith('Showing all'); step += 1) {
    const more = panel.getByRole('button', { name: /^(Load more messages|Search further|Try again)$/ });
    if (await more.isEnabled().catch(() => false)) await more.click();
    const rows = state.rows;
    // A function, not a string: a string predicate is `eval`ed in the page, which the CSP forbids.
    await page.waitForFunction(
      (before) => (globalThis as unknown as PageGlobals).document.querySelectorAll('#moderation-panel-messages tbody tr').length !== before,
      rows,
      { timeout: 10_000 },
    ).catch(() => undefined);
    state = (await page.evaluate(MODERATION_STATE)) as typeof state;
  }
  const scan = (await page.evaluate(MODERATION_STEP)) as Scan;
  return { ...scan, note: `${state.rows} rows; ${state.summary} ${state.problem}`.trim() };
}

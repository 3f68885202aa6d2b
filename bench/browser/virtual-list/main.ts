/**
 * The page `bench/virtual-list.ts` drives: the same 10,000 messages in Parley's list or in
 * @tanstack/vue-virtual's, and probes that measure them, as `window.virtualListBench`. Browser
 * code only (tsconfig.bench-browser.json). A "painted" state is read in a task after the frame's
 * rendering (`afterPaint`), so a position fixed up before the paint does not count as a jump.
 */
import '../../../src/styles.css';
import './list.css';
import { type App, createApp, h, shallowRef } from 'vue';
import type { TimelineEntry } from '../../../core/timeline.ts';
import { benchMessages } from './messages.ts';
import { ParleyList } from './parley-list.ts';
import { TanstackList } from './tanstack-list.ts';

const COUNT = 10_000;
const NOW = Date.parse('2026-12-01T12:00:00Z');
const ALL = benchMessages(COUNT, NOW);
const LISTS = { parley: ParleyList, tanstack: TanstackList };
type ListName = keyof typeof LISTS;
/** Frames in a row with nothing moving that count as settled. */
const QUIET_FRAMES = 10;

const entries = shallowRef<readonly TimelineEntry[]>([]);
let app: App | undefined;
/** One array per starting index, made once: a mount allocates nothing for the data (heap is compared). */
const slices = new Map<number, readonly TimelineEntry[]>();
const messagesFrom = (from: number) => slices.get(from) ?? slices.set(from, ALL.slice(from)).get(from) ?? [];

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
/** Resolves in a task after the next frame was rendered. */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const idle = () => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 }));

function scroller(): HTMLElement {
  const el = document.querySelector<HTMLElement>('.scroller');
  if (!el) throw new Error('No list mounted');
  return el;
}

function row(key: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`article[data-key="${key}"]`);
}

/** Where the row `key` is, px from the scroller's top edge; undefined when it is not rendered. */
function rowTop(key: string): number | undefined {
  const el = row(key);
  return el ? el.getBoundingClientRect().top - scroller().getBoundingClientRect().top : undefined;
}

function newestFullyShown(): boolean {
  const el = row(ALL.at(-1)?.key ?? '');
  if (!el) return false;
  const box = scroller().getBoundingClientRect();
  const rect = el.getBoundingClientRect();
  return rect.top >= box.top - 1 && rect.bottom <= box.bottom + 1;
}

/** What moves when a list corrects itself: its position, its length, the rendered rows and where they are. */
function layoutSignature(): string {
  const el = scroller();
  const first = el.querySelector<HTMLElement>('article[data-key]');
  return [el.scrollTop, el.scrollHeight, el.querySelectorAll('article').length, first?.dataset.key, first ? rowTop(first.dataset.key ?? '') : ''].join('|');
}

/**
 * Resolves once the list has stopped correcting itself: an idle period followed by QUIET_FRAMES
 * frames with no change; the time of the last change (performance.now()).
 */
async function settle(timeoutMs = 10_000): Promise<number> {
  const started = performance.now();
  let lastChange = started;
  let signature = layoutSignature();
  for (;;) {
    await idle();
    let quiet = 0;
    while (quiet < QUIET_FRAMES) {
      await afterPaint();
      const next = layoutSignature();
      if (next === signature) quiet += 1;
      else {
        signature = next;
        lastChange = performance.now();
        quiet = 0;
      }
      if (performance.now() - started > timeoutMs) throw new Error('The list never settled');
    }
    if (layoutSignature() === signature) return lastChange;
  }
}

function unmount(): void {
  app?.unmount();
  app = undefined;
}

/**
 * Mounts `list` with the messages from index `from` on; ms from the mount to the frame after the
 * one that first shows the newest message entirely, and to the list's last correction; and
 * whether it is then scrolled to the very end.
 */
async function mount(list: ListName, from = 0): Promise<{ firstPaint: number; settled: number; atEnd: boolean }> {
  unmount();
  entries.value = messagesFrom(from);
  const root = document.getElementById('app');
  if (!root) throw new Error('No #app');
  const started = performance.now();
  app = createApp({ render: () => h(LISTS[list], { entries: entries.value, now: NOW }) });
  app.mount(root);
  let firstPaint = Number.NaN;
  while (Number.isNaN(firstPaint)) {
    await frame();
    if (newestFullyShown()) firstPaint = (await frame()) - started;
    else if (performance.now() - started > 10_000) throw new Error(`${list}: the newest message never showed`);
  }
  const settled = (await settle()) - started;
  const el = scroller();
  return { firstPaint, settled: Math.max(settled, firstPaint), atEnd: el.scrollHeight - el.scrollTop - el.clientHeight <= 1 && newestFullyShown() };
}

/** The mounted list's size in the DOM: rows, and every element inside the scroller. */
function domSize(): { rows: number; elements: number } {
  const el = scroller();
  return { rows: el.querySelectorAll('article').length, elements: el.querySelectorAll('*').length + 1 };
}

/**
 * `pages` times: scroll to the top (as a user does), let the list settle, then prepend the
 * `pageSize` older messages. For each prepend, how far a row that was in view moved: at most in
 * any painted frame of the 20 after the prepend, and once settled again (px; Infinity when the row
 * was no longer rendered).
 */
async function prependPages(pages: number, pageSize: number): Promise<{ worst: number; final: number }[]> {
  const results: { worst: number; final: number }[] = [];
  for (let page = 0; page < pages; page += 1) {
    const el = scroller();
    el.scrollTop = 0;
    await settle();
    // The first row whose top is at least 60 px into the view (below the marker; not the first row).
    const probe = [...el.querySelectorAll<HTMLElement>('article[data-key]')].find((a) => (rowTop(a.dataset.key ?? '') ?? -1) >= 60)?.dataset.key;
    const before = probe === undefined ? undefined : rowTop(probe);
    if (probe === undefined || before === undefined) throw new Error('No row in view to watch');
    const first = ALL.findIndex((entry) => entry.key === entries.value[0]?.key);
    if (first < pageSize) throw new Error('No older page left to prepend');
    entries.value = messagesFrom(first - pageSize);
    let worst = 0;
    for (let f = 0; f < 20; f += 1) {
      await afterPaint();
      worst = Math.max(worst, Math.abs((rowTop(probe) ?? Infinity) - before));
    }
    await settle();
    const final = Math.abs((rowTop(probe) ?? Infinity) - before);
    results.push({ worst: Math.max(worst, final), final });
  }
  return results;
}

/**
 * Scrolls up from the end by `step` px per frame for `frames` frames: the intervals between frames
 * (ms), the frames whose painted viewport had no row at its middle (blank), the most rows rendered.
 */
async function scrollUp(frames: number, step: number): Promise<{ intervals: number[]; blank: number; maxRows: number }> {
  const el = scroller();
  const box = el.getBoundingClientRect();
  const intervals: number[] = [];
  let blank = 0;
  let maxRows = 0;
  let last = await frame();
  for (let f = 0; f < frames; f += 1) {
    el.scrollTop -= step;
    const now = await frame();
    intervals.push(now - last);
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)?.closest('article')) blank += 1;
    maxRows = Math.max(maxRows, el.querySelectorAll('article').length);
  }
  return { intervals, blank, maxRows };
}

Object.assign(window, { virtualListBench: { lists: Object.keys(LISTS), count: COUNT, mount, unmount, settle, domSize, prependPages, scrollUp } });

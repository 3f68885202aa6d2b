/**
 * `npm run bench:virtual-list`: Parley's message list (src/composables/useVirtualList.ts with
 * useChatScroll) against @tanstack/vue-virtual configured for chat (`anchorTo: 'end'`), the same
 * 10,000 variable-height messages rendered by the same row component, in Debian's Chromium on a
 * production build of bench/browser/virtual-list/. The two lists alternate within every round and
 * each result is a median over the rounds:
 *
 * - first paint: mount → the frame after the one that first shows the newest message entirely;
 *   settled: mount → the list's last self-correction; and whether it then sits at the very end.
 * - DOM: rows and elements inside the scroller once settled at the end.
 * - heap: JS heap with the list mounted minus without it, both after a forced GC (CDP).
 * - anchoring: with the newest 9,750 loaded, scroll to the top and prepend an older page of 50,
 *   five times; how far a row in view moves in any painted frame after the prepend (should be 0).
 * - scrolling: 200 frames scrolling up 600 px each from the end: frame intervals, blank frames.
 * - size: each implementation alone, minified and gzipped, with Vue external.
 */
import vue from '@vitejs/plugin-vue';
import { build as bundle } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { appendReport } from './lib/report.ts';
import { median, percentile } from './lib/stats.ts';

const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ROOT = 'bench/browser/virtual-list';
const LISTS = ['parley', 'tanstack'] as const;
type ListName = (typeof LISTS)[number];
const WARMUP = 3;
const PAINT_RUNS = 40;
const HEAP_RUNS = 10;
const ANCHOR_RUNS = 10;
const PAGES = 5;
const PAGE_SIZE = 50;
const SCROLL_RUNS = 6;
const SCROLL_FRAMES = 200;
const SCROLL_STEP = 600;
/** A frame this much longer than 60 Hz's 16.7 ms is a dropped frame. */
const LONG_FRAME_MS = 25;

interface Mounted {
  firstPaint: number;
  settled: number;
  atEnd: boolean;
}

/** Calls `window.virtualListBench[name](...args)` in the page (arguments as JSON). */
function probe<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(`window.virtualListBench.${name}(...${JSON.stringify(args)})`) as Promise<T>;
}

/** Each round runs the lists in turn, the order alternating between rounds. */
async function rounds(count: number, run: (list: ListName) => Promise<void>): Promise<void> {
  for (let round = 0; round < count; round += 1) {
    for (const list of round % 2 === 0 ? LISTS : [...LISTS].reverse()) await run(list);
  }
}

/** Minified + gzipped bytes of `source` bundled with Vue left out. */
async function gzipSize(source: string): Promise<number> {
  const result = await bundle({
    stdin: { contents: source, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    external: ['vue'],
    write: false,
  });
  return gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array(), { level: 9 }).length;
}

const perList = <T>(): Record<ListName, T[]> => ({ parley: [], tanstack: [] });
const ms = (value: number) => value.toFixed(1);
const px = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : 'lost');
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1.00×' : '∞') : `${(a / b).toFixed(2)}×`);

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-virtual-list-'));
  const outDir = join(dir, 'dist');
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof preview>> | undefined;
  try {
    await build({ configFile: false, root: ROOT, base: './', logLevel: 'warn', plugins: [vue()], build: { outDir, emptyOutDir: true } });
    server = await preview({ configFile: false, root: ROOT, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
    const url = server.resolvedUrls?.local[0] ?? '';
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.waitForFunction('"virtualListBench" in window');
    const cdp = await page.context().newCDPSession(page);
    const gc = () => cdp.send('HeapProfiler.collectGarbage');
    const heapUsed = async () => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;

    await rounds(WARMUP, async (list) => {
      await probe<Mounted>(page, 'mount', list);
    });

    const paint = perList<Mounted>();
    const dom = perList<{ rows: number; elements: number }>();
    await rounds(PAINT_RUNS, async (list) => {
      await probe<void>(page, 'unmount');
      await gc();
      paint[list].push(await probe<Mounted>(page, 'mount', list));
      dom[list].push(await probe(page, 'domSize'));
    });
    console.log('first paint done');

    const heap = perList<number>();
    await rounds(HEAP_RUNS, async (list) => {
      await probe<void>(page, 'unmount');
      await gc();
      const without = await heapUsed();
      await probe<Mounted>(page, 'mount', list);
      await gc();
      heap[list].push((await heapUsed()) - without);
    });
    console.log('heap done');

    const anchoring = perList<{ worst: number; final: number }>();
    await rounds(ANCHOR_RUNS, async (list) => {
      await probe<Mounted>(page, 'mount', list, PAGES * PAGE_SIZE);
      anchoring[list].push(...(await probe<{ worst: number; final: number }[]>(page, 'prependPages', PAGES, PAGE_SIZE)));
    });
    console.log('anchoring done');

    const scrolling = perList<{ intervals: number[]; blank: number; maxRows: number }>();
    await rounds(SCROLL_RUNS, async (list) => {
      await probe<Mounted>(page, 'mount', list);
      scrolling[list].push(await probe(page, 'scrollUp', SCROLL_FRAMES, SCROLL_STEP));
    });
    await probe<void>(page, 'unmount');
    console.log('scrolling done');

    const size = {
      parley: await gzipSize(`export { useVirtualList } from './src/composables/useVirtualList.ts';`),
      tanstack: await gzipSize(`export { useVirtualizer } from '@tanstack/vue-virtual';`),
    };

    const stat = (list: ListName) => {
      const frames = scrolling[list].flatMap((s) => s.intervals);
      const jumps = anchoring[list];
      return {
        firstPaint: median(paint[list].map((m) => m.firstPaint)),
        firstPaintP90: percentile(paint[list].map((m) => m.firstPaint), 90),
        settled: median(paint[list].map((m) => m.settled)),
        atEnd: paint[list].filter((m) => m.atEnd).length,
        rows: median(dom[list].map((d) => d.rows)),
        elements: median(dom[list].map((d) => d.elements)),
        heapMiB: median(heap[list]) / 2 ** 20,
        jumpMedian: median(jumps.map((j) => j.worst)),
        jumpMax: Math.max(...jumps.map((j) => j.worst)),
        jumped: jumps.filter((j) => j.worst > 1).length,
        finalMax: Math.max(...jumps.map((j) => j.final)),
        frameP50: median(frames),
        frameP95: percentile(frames, 95),
        frameMax: Math.max(...frames),
        longFrames: frames.filter((f) => f > LONG_FRAME_MS).length,
        frames: frames.length,
        blank: scrolling[list].reduce((sum, s) => sum + s.blank, 0),
        maxRows: Math.max(...scrolling[list].map((s) => s.maxRows)),
        kB: size[list] / 1000,
      };
    };
    const p = stat('parley');
    const t = stat('tanstack');
    const prepends = anchoring.parley.length;
    const body = `
Production build of \`bench/browser/virtual-list/\` (\`vite build\`, served by \`vite preview\`); Chromium ${browser.version()} (\`${CHROMIUM}\`), headless, ${FLAGS.join(' ')}, 1280×800, list 760 px wide. The same 10,000 messages (seeded: 60 % one line, 30 % a paragraph, 10 % long, in author runs) rendered by the same \`ChatMessageItem\`. **parley**: \`useVirtualList\` + \`useChatScroll\` as \`ChatMessageList\` wires them. **tanstack**: \`@tanstack/vue-virtual\`'s \`useVirtualizer\` as its chat guide configures it (\`anchorTo: 'end'\`, \`followOnAppend\`, \`scrollToEnd()\` on mount, \`measureElement\`), plus \`initialOffset\` at the estimated end; same 44 px estimate, overscan 10 rows (≈ our 600 px). The lists alternate within each round; medians over the rounds. Painted positions are read in a task after each frame.

| measure | parley | tanstack | tanstack / parley |
|---|---:|---:|---:|
| first paint of the newest window, median ms (p90) (${PAINT_RUNS} mounts each) | **${ms(p.firstPaint)}** (${ms(p.firstPaintP90)}) | **${ms(t.firstPaint)}** (${ms(t.firstPaintP90)}) | ${ratio(t.firstPaint, p.firstPaint)} |
| last self-correction after mount, median ms | ${ms(p.settled)} | ${ms(t.settled)} | ${ratio(t.settled, p.settled)} |
| settled at the very end | ${p.atEnd}/${PAINT_RUNS} | ${t.atEnd}/${PAINT_RUNS} | |
| rows in the DOM at the end | ${p.rows} | ${t.rows} | ${ratio(t.rows, p.rows)} |
| elements in the scroller at the end | **${p.elements}** | **${t.elements}** | ${ratio(t.elements, p.elements)} |
| JS heap for the list (mounted − not, after GC), median (${HEAP_RUNS} each) | **${p.heapMiB.toFixed(2)} MiB** | **${t.heapMiB.toFixed(2)} MiB** | ${ratio(t.heapMiB, p.heapMiB)} |
| prepend a page of ${PAGE_SIZE} at the top: a row in view moved, median / max px (${prepends} prepends each) | **${px(p.jumpMedian)} / ${px(p.jumpMax)}** | **${px(t.jumpMedian)} / ${px(t.jumpMax)}** | |
| prepends that moved it more than 1 px in some painted frame | ${p.jumped}/${prepends} | ${t.jumped}/${prepends} | |
| where it ended once settled, max px | ${px(p.finalMax)} | ${px(t.finalMax)} | |
| scrolling up ${SCROLL_STEP} px per frame: frame interval p50 / p95 / max ms (${p.frames} frames each) | ${ms(p.frameP50)} / ${ms(p.frameP95)} / ${ms(p.frameMax)} | ${ms(t.frameP50)} / ${ms(t.frameP95)} / ${ms(t.frameMax)} | ${ratio(t.frameP95, p.frameP95)} (p95) |
| frames over ${LONG_FRAME_MS} ms | ${p.longFrames} | ${t.longFrames} | |
| frames painted with no row mid-viewport | ${p.blank} | ${t.blank} | |
| most rows rendered while scrolling | ${p.maxRows} | ${t.maxRows} | |
| code, minified + gzip, Vue external | ${p.kB.toFixed(1)} kB (\`useVirtualList\`) | ${t.kB.toFixed(1)} kB (\`useVirtualizer\`) | ${ratio(t.kB, p.kB)} |

VueUse's \`useVirtualList\` is not in the table: it takes \`itemHeight\` as a number or a function of the index, known before rendering, and never measures rows, so it cannot lay out rows whose heights are only known once rendered.
`;
    console.log(body);
    await appendReport('Virtual list: Parley vs @tanstack/vue-virtual', 'npm run bench:virtual-list', body);
  } finally {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();

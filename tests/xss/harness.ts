/**
 * XSS end to end: publishes each vector through the real pipeline, reads it back
 * through history, and renders it in Chromium in the room view and the moderation console,
 * watching for anything that executes. Shared by `e2e/xss-corpus.spec.ts` (a sample) and
 * `bench/xss.ts` (`npm run xss`, the whole corpus).
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { sanitizeText } from '../../core/sanitize.ts';
import type { AmplifyOutputs } from '../../core/outputs.ts';
import { LINK_REL, linkify } from '../../src/lib/linkify.ts';
import { type AmplifyTestClient, startAmplifyClient } from '../support/amplify-client.ts';
import { drainSentinel, emptyWatchLog, openSignedIn, type SignInUser, type WatchLog, watchedContext } from './page-watch.ts';
import { type PageGlobals, type RenderedMessage, type Scan, scanModeration, scanRoom } from './render-scan.ts';
import { messageText, type XssVector } from './vectors.ts';

export interface XssRunOptions {
  browser: Browser;
  baseURL: string;
  outputs: AmplifyOutputs;
  vectors: XssVector[];
  /** Publishes (half through the composer, half through the Node client) and reads in the room. */
  author: SignInUser;
  /** Reads the rooms with the page's CSP bypassed. */
  reader: SignInUser;
  moderator: SignInUser;
  /** Room ids are `${roomPrefix}-<n>`. */
  roomPrefix: string;
  /** Vectors per room: at most one moderation page (50). */
  perRoom?: number;
  /** Every `composerEvery`-th vector is typed into the composer; the rest go through `events.post`. */
  composerEvery?: number;
}

export interface XssRunReport {
  vectors: number;
  rooms: number;
  viaComposer: number;
  viaEventsPost: number;
  stored: number;
  renderedInRoom: number;
  renderedInRoomWithoutCsp: number;
  renderedInModeration: number;
  /** True once a deliberately injected handler (CSP bypassed) was seen to call the sentinel. */
  sentinelControlFired: boolean;
  watch: WatchLog;
  /** Every broken requirement, one line each: empty means the run passed. */
  failures: string[];
  seconds: { publish: number; history: number; room: number; roomWithoutCsp: number; moderation: number };
}

/** What core/sanitize leaves of a code unit sequence: none of these may survive. */
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const MARKER = /^\[(x\d{4})\]/;
/**
 * Text with a lone surrogate cannot be typed: it crosses into the browser (keyboard, clipboard,
 * Playwright's protocol) as UTF-8, which turns it into U+FFFD. Such vectors go through events.post.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What the room must show for a vector: the server's sanitize of the NFC text. */
export function expectedText(vector: XssVector): string {
  return sanitizeText(messageText(vector).normalize('NFC'));
}

function chunk<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await run();
  return [value, (performance.now() - start) / 1000];
}

async function typeIntoComposer(page: Page, room: string, vectors: XssVector[]): Promise<string[]> {
  await page.goto(`/rooms/${room}`);
  const form = page.locator('form.composer');
  const composer = form.getByRole('textbox', { name: 'Message' });
  const problems: string[] = [];
  for (const vector of vectors) {
    await composer.fill(messageText(vector));
    await form.getByRole('button', { name: 'Send' }).click();
    // The composer empties once the send store took the message; it keeps it and says why if not.
    await form.locator('textarea:placeholder-shown').or(form.getByRole('alert')).first().waitFor();
    const refused = await form.getByRole('alert').allTextContents();
    if (refused.length > 0) problems.push(`composer ${vector.id} refused: ${refused.join(' ')}`);
  }
  const feed = page.getByRole('feed');
  await feed.getByText('Sending…').first().waitFor({ state: 'detached' });
  problems.push(...(await feed.getByText('Not sent').allTextContents()).map((text) => `${room}: ${text}`));
  return problems;
}

async function readHistory(client: AmplifyTestClient, room: string): Promise<string[]> {
  const texts: string[] = [];
  let before: string | undefined;
  do {
    const query = `limit=100${before ? `&before=${encodeURIComponent(before)}` : ''}`;
    const { body } = await client.rest('GET', `/rooms/${room}/messages?${query}`);
    const page = body as { items: { text: string }[]; nextCursor?: string };
    texts.push(...page.items.map((item) => item.text));
    before = page.nextCursor;
  } while (before);
  return texts;
}

/** Checks one view's rendering of a room's vectors; returns the number rendered correctly. */
function checkRendered(view: string, scan: Scan, vectors: XssVector[], linkified: boolean, failures: string[]): number {
  const byId = new Map<string, RenderedMessage>();
  for (const item of scan.items) {
    const id = MARKER.exec(item.text)?.[1];
    if (id) byId.set(id, item);
  }
  failures.push(...scan.strayElements.map((element) => `${view}: stray element ${element}`));
  let ok = 0;
  for (const vector of vectors) {
    const item = byId.get(vector.id);
    const expected = expectedText(vector);
    const links = linkified ? linkify(expected).flatMap((s) => (s.kind === 'link' ? [{ href: s.href, rel: LINK_REL, target: '_blank', text: s.text }] : [])) : [];
    const problems = !item
      ? [`not rendered${scan.note ? ` (${scan.note})` : ''}`]
      : [
          item.text !== expected && `text ${JSON.stringify(item.text)} ≠ ${JSON.stringify(expected)}`,
          (FORBIDDEN.test(item.text) || LONE_SURROGATE.test(item.text)) && 'a removed code point is shown',
          item.elements.some((tag) => tag !== 'a') && `elements <${item.elements.join('>, <')}>`,
          JSON.stringify(item.anchors) !== JSON.stringify(links) && `anchors ${JSON.stringify(item.anchors)} ≠ ${JSON.stringify(links)}`,
        ].filter((p): p is string => typeof p === 'string');
    if (problems.length === 0) ok += 1;
    else failures.push(`${view} ${vector.id} (${vector.family}): ${problems.join('; ')}`);
  }
  return ok;
}

/** Injects real markup with a handler (CSP bypassed): the sentinel must fire, or the watch is blind. */
async function sentinelControl(page: Page): Promise<boolean> {
  await page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<img id="xss-control" src="/xss-control-missing.png" onerror="__pwned(\\'control\\')">')`);
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__xss.hits.includes('control'), undefined, { timeout: 10_000 });
  await page.evaluate(`(() => { document.getElementById('xss-control').remove(); window.__xss.hits.splice(window.__xss.hits.indexOf('control'), 1); })()`);
  return true;
}

export async function runXss(options: XssRunOptions): Promise<XssRunReport> {
  const { browser, baseURL, vectors } = options;
  const composerEvery = options.composerEvery ?? 2;
  const rooms = chunk(vectors, options.perRoom ?? 40).map((roomVectors, i) => ({ id: `${options.roomPrefix}-${i}`, vectors: roomVectors }));
  const watch = emptyWatchLog();
  const failures: string[] = [];
  const client = startAmplifyClient(options.outputs);
  const authorContext = await watchedContext(browser, baseURL, watch);
  const readerContext = await watchedContext(browser, baseURL, watch, true);
  const moderatorContext = await watchedContext(browser, baseURL, watch);
  try {
    await client.signIn(options.author.email, options.author.password);
    const authorPage = await openSignedIn(authorContext, options.author, '/rooms');
    const viaComposer = vectors.filter((v, i) => i % composerEvery === 0 && !LONE_SURROGATE.test(v.payload));
    const composerIds = new Set(viaComposer.map((v) => v.id));

    const [, publish] = await timed(async () => {
      for (const room of rooms) {
        await client.rest('POST', '/rooms', { name: room.id });
        const posted = room.vectors.filter((v) => !composerIds.has(v.id));
        const batches = chunk(posted, 5).map((batch) => batch.map((v) => ({ type: 'message', clientMsgId: randomUUID(), text: messageText(v) })));
        const failed = await client.postMany(`/chat/rooms/${room.id}`, batches, 4);
        failures.push(...failed.map((f) => `events.post ${room.id}: ${JSON.stringify(f)}`));
        failures.push(...(await typeIntoComposer(authorPage, room.id, room.vectors.filter((v) => composerIds.has(v.id)))));
        await drainSentinel(authorPage, watch);
      }
    });

    let stored = 0;
    const [, history] = await timed(async () => {
      for (const room of rooms) {
        const texts = await readHistory(client, room.id);
        stored += texts.length;
        const byId = new Map(texts.map((text) => [MARKER.exec(text)?.[1] ?? '', text]));
        if (texts.length !== room.vectors.length) failures.push(`history ${room.id}: ${texts.length} stored, ${room.vectors.length} sent`);
        for (const vector of room.vectors) {
          const text = byId.get(vector.id);
          if (text !== expectedText(vector)) failures.push(`history ${vector.id} (${vector.family}): ${JSON.stringify(text)} ≠ ${JSON.stringify(expectedText(vector))}`);
          else if (FORBIDDEN.test(text) || LONE_SURROGATE.test(text)) failures.push(`history ${vector.id}: a removed code point was stored`);
        }
      }
    });

    const renderRooms = async (page: Page, view: string) => {
      let ok = 0;
      for (const room of rooms) {
        await page.goto(`/rooms/${room.id}`);
        ok += checkRendered(view, await scanRoom(page, room.vectors.length), room.vectors, true, failures);
        await drainSentinel(page, watch);
      }
      return ok;
    };
    const [renderedInRoom, room] = await timed(() => renderRooms(authorPage, 'room'));
    const readerPage = await openSignedIn(readerContext, options.reader, '/rooms');
    const [renderedInRoomWithoutCsp, roomWithoutCsp] = await timed(() => renderRooms(readerPage, 'room (CSP bypassed)'));
    const sentinelControlFired = await sentinelControl(readerPage);

    const moderatorPage = await openSignedIn(moderatorContext, options.moderator, '/moderation');
    const [renderedInModeration, moderation] = await timed(async () => {
      let ok = 0;
      for (const room of rooms) {
        await moderatorPage.goto(`/moderation?roomId=${room.id}`);
        ok += checkRendered('moderation', await scanModeration(moderatorPage, room.vectors.length), room.vectors, false, failures);
        await drainSentinel(moderatorPage, watch);
      }
      return ok;
    });

    for (const [name, entries] of Object.entries(watch)) failures.push(...(entries as string[]).map((entry) => `${name}: ${entry}`));
    return {
      vectors: vectors.length,
      rooms: rooms.length,
      viaComposer: viaComposer.length,
      viaEventsPost: vectors.length - viaComposer.length,
      stored,
      renderedInRoom,
      renderedInRoomWithoutCsp,
      renderedInModeration,
      sentinelControlFired,
      watch,
      failures,
      seconds: { publish, history, room, roomWithoutCsp, moderation },
    };
  } finally {
    await Promise.all([authorContext.close(), readerContext.close(), moderatorContext.close()]);
    await client.close();
  }
}

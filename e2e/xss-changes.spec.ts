import { randomUUID } from 'node:crypto';
import { isSingleEmoji } from '../core/emoji.ts';
import { expectedText } from '../tests/xss/harness.ts';
import { drainSentinel, emptyWatchLog, openSignedIn, watchedContext } from '../tests/xss/page-watch.ts';
import { scanRoom } from '../tests/xss/render-scan.ts';
import { messageText, sampleCorpus, xssCorpus } from '../tests/xss/vectors.ts';
import { alice, bob, expect, storedHistory, test, uniqueRoom, withClient } from './fixtures.ts';

const SAMPLE_SIZE = 20;
const MARKER = /^\[(x\d{4})\]/;

test('a sample of every XSS vector family as edited text, as a reply excerpt and as a reaction emoji renders as text and never runs', async ({ browser }) => {
  test.setTimeout(180_000);
  const vectors = sampleCorpus(xssCorpus(), SAMPLE_SIZE);
  const room = uniqueRoom('xss-changes');
  const channel = `/chat/rooms/${room}`;
  const refusedReactions: string[] = [];
  await withClient(alice, async (client) => {
    await client.rest('POST', '/rooms', { name: room });
    const originals = vectors.map((v) => ({ type: 'message', clientMsgId: randomUUID(), text: `[${v.id}] original` }));
    for (let i = 0; i < originals.length; i += 5) expect(await client.post(channel, originals.slice(i, i + 5))).toBeNull();
    const ids = new Map((await storedHistory(room)).map((m) => [MARKER.exec(m.text)?.[1], m.id]));
    // Each original becomes a vector by an edit; a reply then quotes the edited text.
    const edits = vectors.map((v) => ({ type: 'edit', messageId: ids.get(v.id), text: messageText(v) }));
    for (let i = 0; i < edits.length; i += 5) expect(await client.post(channel, edits.slice(i, i + 5))).toBeNull();
    const replies = vectors.map((v) => ({ type: 'message', clientMsgId: randomUUID(), text: `[${v.id}] reply`, replyTo: ids.get(v.id) }));
    for (let i = 0; i < replies.length; i += 5) expect(await client.post(channel, replies.slice(i, i + 5))).toBeNull();
    for (const v of vectors) {
      const failed = await client.post(channel, [{ type: 'reaction', messageId: ids.get(v.id), emoji: v.payload, add: true }]);
      if (failed !== null) refusedReactions.push(v.id);
    }
  });
  // Only a vector that is itself exactly one emoji may be stored as a reaction.
  expect(vectors.filter((v) => !refusedReactions.includes(v.id)).every((v) => isSingleEmoji(v.payload))).toBe(true);

  const stored = await storedHistory(room);
  const byMarker = new Map(stored.map((m) => [m.text, m]));
  for (const v of vectors) expect(byMarker.has(expectedText(v)), `edit of ${v.id} stored`).toBe(true);

  const watch = emptyWatchLog();
  // The reader's page runs without CSP: the markup alone must keep every vector inert.
  const context = await watchedContext(browser, process.env.PARLEY_E2E_URL as string, watch, true);
  try {
    const page = await openSignedIn(context, bob, `/rooms/${room}`);
    const scan = await scanRoom(page, vectors.length * 2);
    expect(scan.strayElements).toEqual([]);
    const edited = scan.items.filter((item) => MARKER.test(item.text) && !item.text.endsWith('] reply'));
    expect(edited).toHaveLength(vectors.length);
    for (const item of edited) {
      const vector = vectors.find((v) => v.id === MARKER.exec(item.text)?.[1]);
      // The text, then the "(edited, <time>)" marker the row adds.
      expect(item.text.startsWith(expectedText(vector!)), vector!.id).toBe(true);
      expect(item.text).toMatch(/\(edited, .+\)\s*$/);
      expect(item.elements.filter((tag) => tag !== 'a' && tag !== 'span' && tag !== 'mark'), vector!.id).toEqual([]);
    }
    const quotes = await page.locator('.reply-quote').evaluateAll((nodes) => nodes.map((n) => ({ text: n.textContent ?? '', elements: n.querySelectorAll('*').length })));
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.every((q) => q.elements === 2 && MARKER.test(q.text.replace(/^In reply to [^:]*: /, '')))).toBe(true);
    await drainSentinel(page, watch);
  } finally {
    await context.close();
  }
  expect(watch.executions).toEqual([]);
  expect(watch.dialogs).toEqual([]);
  expect(watch.navigations).toEqual([]);
});

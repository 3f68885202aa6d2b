import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../core/messages.ts';
import { sanitizeText } from '../../../core/sanitize.ts';
import type { TimelineEntry } from '../../../core/timeline.ts';
import { createMessageActions, MESSAGE_ACTIONS } from '../../composables/useMessageActions.ts';
import { ALICE, BOB, storedMessage } from '../../test-support/fake-services.ts';
import ChatMessageItem from './ChatMessageItem.vue';

/**
 * The XSS corpus through what edits, replies, reactions and mentions add to a row: an edited
 * text, a reply's excerpt and author, a reaction's emoji field and a mention's handle each carry
 * a vector, as a server bug or a forged history answer could deliver them. Every one must render
 * as text: no element the row does not make itself, and no attribute carrying user text.
 */
interface Vector {
  id: string;
  family: string;
  payload: string;
}
// Loaded at run time: the corpus reads its naughty strings with node:fs, which the app's type
// project (DOM, no Node) cannot see, so the type checker must not follow this import.
const VECTORS = '../../../tests/xss/vectors.ts';
const { sampleCorpus, xssCorpus, messageText } = (await import(/* @vite-ignore */ VECTORS)) as {
  xssCorpus: () => Vector[];
  sampleCorpus: (corpus: Vector[], size: number) => Vector[];
  messageText: (vector: Vector) => string;
};
/** Every family, a few of each: the whole corpus takes minutes of one shared core for no new family. */
const corpus = sampleCorpus(xssCorpus(), 120);
const NOW = Date.parse('2026-11-30T12:00:00.000Z');
/** The elements a row makes itself; user text never adds one. */
const OWN_ELEMENTS = new Set(['ARTICLE', 'HEADER', 'SPAN', 'TIME', 'P', 'BUTTON', 'UL', 'LI', 'DIV', 'A', 'MARK']);

function render(message: ChatMessage) {
  const actions = createMessageActions({
    room: () => ({ edit: async () => ({ ok: true }), remove: async () => ({ ok: true }), react: async () => ({ ok: true }) }),
    selfSub: () => ALICE.sub,
    jumpTo: () => undefined,
    linkTo: (id) => id,
    report: () => undefined,
    announce: () => undefined,
  });
  const entry: TimelineEntry = { kind: 'message', key: message.id, message };
  return mount(ChatMessageItem, {
    props: { entry, continuation: false, unreadDivider: false, now: NOW, reportable: true, selfSub: ALICE.sub },
    global: { provide: { [MESSAGE_ACTIONS as symbol]: actions } },
  });
}

function strayElements(root: Element): string[] {
  return Array.from(root.querySelectorAll('*'))
    .filter((el) => !OWN_ELEMENTS.has(el.tagName) || Array.from(el.attributes).some((a) => a.name.startsWith('on') || a.name === 'style' || a.name === 'srcdoc'))
    .map((el) => el.outerHTML.slice(0, 80));
}

describe('the XSS corpus in edits, replies, reactions and mentions', () => {
  it(`renders ${corpus.length} vectors of every family as text`, { timeout: 60_000 }, () => {
    const failures: string[] = [];
    for (const vector of corpus) {
      const text = sanitizeText(messageText(vector).normalize('NFC'));
      const message: ChatMessage = {
        ...storedMessage('lobby', 2, BOB, text),
        editedAt: '2026-11-30T11:59:00.000Z',
        replyTo: { id: 'r', author: { ...ALICE, displayName: vector.payload }, excerpt: text },
        reactions: [{ emoji: vector.payload, count: 1, mine: false }],
        mentions: [{ sub: ALICE.sub, handle: vector.payload }],
      };
      const wrapper = render(message);
      const stray = strayElements(wrapper.element as Element);
      if (stray.length) failures.push(`${vector.id}: ${stray.join(' | ')}`);
      if (!wrapper.get('.text').text().startsWith(`[${vector.id}]`)) failures.push(`${vector.id}: edited text not shown as text`);
      if (!wrapper.get('.reply-quote').text().includes(text.trim().slice(0, 20))) failures.push(`${vector.id}: excerpt not shown as text`);
      wrapper.unmount();
    }

    expect(failures).toEqual([]);
  });
});

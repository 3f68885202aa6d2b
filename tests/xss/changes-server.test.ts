/**
 * The XSS corpus through the server's change paths: every vector as an edit's text, as the text a
 * reply quotes (its excerpt), and as a reaction's `emoji`, validated as the `chat` handler does
 * (`validateChatEvent`, after NFC), stored by the real persist-messages Lambda and read back by the
 * real history Lambda on the real DynamoDB server. The server must hand back exactly the sanitized
 * text (data, never markup it rewrote or interpreted), and store no emoji that is not one RGI emoji.
 * The browser rendering of the same vectors is `npm run xss` (tests/xss/harness.ts).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSingleEmoji } from '../../core/emoji.ts';
import { REPLY_EXCERPT_MAX_LENGTH } from '../../core/limits.ts';
import type { Author, ChatMessage } from '../../core/messages.ts';
import { validateChatEvent } from '../../core/validate-message.ts';
import { createHistoryHandler, type History } from '../../functions/history/history.ts';
import { createRoomStore } from '../../functions/lib/room-store.ts';
import { createPersistMessagesHandler, type PersistMessages } from '../../functions/persist-messages/persist-messages.ts';
import { httpEvent } from '../support/http-event.ts';
import { type LambdaTable, startLambdaTable, TABLE } from '../support/lambda-table.ts';
import { messageText, xssCorpus } from './vectors.ts';

const ada: Author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };
const MESSAGE_ID = '01JF8Z5Y6Q7R8S9T0V1W2X3Y4Z';
const corpus = xssCorpus();

describe('the XSS corpus through edits, reply excerpts and emoji fields', () => {
  let table: LambdaTable;
  let persist: PersistMessages;
  let history: History;

  beforeAll(async () => {
    table = await startLambdaTable();
    persist = createPersistMessagesHandler(table.env);
    history = createHistoryHandler(table.env);
    await createRoomStore(table.db, TABLE).create({ id: 'xss', name: 'xss', now: new Date().toISOString() });
  }, 90_000);

  afterAll(async () => {
    await table?.close();
  });

  /** The first message after `anchorId` (a gap fill of one), or the newest (a page of one). */
  const readBack = async (anchorId?: string): Promise<ChatMessage> => {
    const query: Record<string, string> = anchorId === undefined ? { limit: '1' } : { after: anchorId, limit: '1' };
    const result = await history(httpEvent('GET /rooms/{roomId}/messages', { path: { roomId: 'xss' }, query, claims: { sub: ada.sub } }));
    return JSON.parse(result.body!).items[0];
  };

  it('stores and serves every edit text and reply excerpt exactly as validated', async () => {
    const post = await persist({
      roomId: 'xss',
      author: ada,
      messages: [
        { eventId: 'a', clientMsgId: randomUUID(), text: 'anchor' },
        { eventId: 'm', clientMsgId: randomUUID(), text: 'to be edited' },
      ],
    });
    const [anchor, target] = post.results.map((r) => r.message!);
    const mismatches: string[] = [];

    for (const vector of corpus) {
      const edit = validateChatEvent({ type: 'edit', messageId: target!.id, text: messageText(vector).normalize('NFC') });
      if (!edit.ok || edit.event.type !== 'edit') continue;
      const { results } = await persist({ roomId: 'xss', author: ada, messages: [], changes: [{ eventId: 'e', ...edit.event }] });
      await persist({ roomId: 'xss', author: ada, messages: [{ eventId: 'r', clientMsgId: randomUUID(), text: 'quoting', replyTo: target!.id }] });
      const excerpt = Array.from(edit.event.text).slice(0, REPLY_EXCERPT_MAX_LENGTH).join('');
      const served = await readBack(anchor!.id);
      const replied = await readBack();
      if (results[0]?.change?.type !== 'message.edited' || served.text !== edit.event.text || replied.replyTo?.excerpt !== excerpt) mismatches.push(vector.id);
    }

    expect(mismatches).toEqual([]);
  }, 600_000);

  it('refuses every vector as an emoji, in the handler’s shape check or the Lambda’s RGI check', async () => {
    const stored: string[] = [];

    for (const vector of corpus) {
      const reaction = validateChatEvent({ type: 'reaction', messageId: MESSAGE_ID, emoji: vector.payload, add: true });
      if (!reaction.ok || reaction.event.type !== 'reaction') continue;
      const { results } = await persist({ roomId: 'xss', author: ada, messages: [], changes: [{ eventId: 'x', ...reaction.event }] });
      if (results[0]?.change || !results[0]?.error?.startsWith(isSingleEmoji(vector.payload) ? 'MESSAGE_NOT_FOUND' : 'BAD_REQUEST')) stored.push(vector.id);
    }

    expect(stored).toEqual([]);
  }, 600_000);
});

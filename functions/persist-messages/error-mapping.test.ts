import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Author, ChatMessage } from '../../core/messages.ts';
import { ConsistencyError, ForbiddenError, MessageRemovedError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { createMessageIdGenerator } from '../lib/message-id.ts';
import type { MessageWriter } from './message-writer.ts';
import { createPersistMessages } from './persist-messages.ts';

const ada: Author = { sub: 'sub-ada', handle: 'ada', displayName: 'Ada', moderator: false };

/** A writer that fails each message whose text names an error, and stores the rest. */
function failingWriter(errors: Record<string, unknown>): MessageWriter {
  return {
    async writeOnce(draft: ChatMessage) {
      if (draft.text in errors) throw errors[draft.text];
      return { message: draft, created: true, consumedWriteUnits: 1 };
    },
  };
}

/** These texts mention nobody and reply to nothing: the change ports are never reached. */
const unreachable = () => Promise.reject(new Error('not reached'));
const noChanges = {
  lookup: unreachable,
  overlays: { change: unreachable, range: unreachable, changedSince: unreachable, get: unreachable },
  handles: { subOf: unreachable },
};

describe('persist-messages error mapping', () => {
  it('answers a known error with its code and message, and logs anything else as INTERNAL without its cause', async () => {
    const logger = createLogger({ serviceName: 'test', logLevel: 'SILENT' });
    const logged = vi.spyOn(logger, 'error');
    const persist = createPersistMessages({
      writer: failingWriter({
        removed: new MessageRemovedError('Message c-removed was removed by a moderator'),
        vanished: new ConsistencyError('Message c-vanished vanished after a conflicting write'),
        forbidden: new ForbiddenError('not a per-event error'),
        crashed: new Error('socket hang up'),
      }),
      rooms: {
        touch: async () => ({ exists: true, archived: false, moved: false, advanced: true, consumedWriteUnits: 1 }),
        check: async () => ({ exists: true, archived: false, moved: false, advanced: false, consumedWriteUnits: 0 }),
      },
      rateLimiter: { limit: 'off', admit: async (_sub, requested) => ({ allowed: requested, consumedWriteUnits: 0 }) },
      mutes: { status: async () => ({ consumedReadUnits: 0.5 }) },
      members: { status: async () => ({ member: true, consumedReadUnits: 0.5 }) },
      publisher: { publish: async () => undefined },
      mentionStore: { store: async () => 0 },
      logger,
      metrics: { count: () => undefined, countByCode: () => undefined, flush: () => undefined },
      clock: () => Date.UTC(2026, 10, 30, 12),
      nextId: createMessageIdGenerator(randomBytes),
      ...noChanges,
    });
    const texts = ['removed', 'vanished', 'forbidden', 'crashed', 'fine'];

    const { results } = await persist({ roomId: 'lobby', author: ada, messages: texts.map((text, i) => ({ eventId: `e${i}`, clientMsgId: `c-${text}`, text })) });

    expect(results.map((r) => r.error ?? r.message?.text)).toEqual([
      'MESSAGE_REMOVED: Message c-removed was removed by a moderator',
      'CONSISTENCY: Message c-vanished vanished after a conflicting write',
      'INTERNAL: Message not stored; please retry',
      'INTERNAL: Message not stored; please retry',
      'fine',
    ]);
    expect(logged.mock.calls.map(([, extra]) => (extra as { eventId: string }).eventId)).toEqual(['e2', 'e3']);
  });
});

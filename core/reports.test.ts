import { describe, expect, it } from 'vitest';
import {
  checkReport,
  checkReportQueuePage,
  checkReportRequest,
  checkResolveReportResult,
  parseReportId,
  REPORT_REASON_MAX_LENGTH,
  reportIdOf,
} from './reports.ts';

const MESSAGE_ID = '01JB0000000000000000000000';
const person = { sub: 's-1', handle: 'alice', displayName: 'Alice' };
const message = {
  message: { id: MESSAGE_ID, roomId: 'lobby', text: 'hi', author: { ...person, moderator: false }, createdAt: '2026-01-01T00:00:00.000Z', clientMsgId: 'c' },
  status: 'visible',
};
const queueItem = {
  id: reportIdOf('lobby', MESSAGE_ID),
  roomId: 'lobby',
  messageId: MESSAGE_ID,
  status: 'open',
  createdAt: '2026-01-01T00:00:01.000Z',
  count: 1,
  reports: [{ reporter: person, reason: 'spam', at: '2026-01-01T00:00:01.000Z' }],
  message,
  context: [message],
};

describe('report ids', () => {
  it('round-trips a room and message', () => {
    expect(parseReportId(reportIdOf('p-0123', MESSAGE_ID))).toEqual({ roomId: 'p-0123', messageId: MESSAGE_ID });
  });

  it.each([undefined, 'lobby', `lobby.${MESSAGE_ID}.x`, `Lobby.${MESSAGE_ID}`, 'lobby.notanid'])('refuses %s', (value) => {
    expect(parseReportId(value)).toBeNull();
  });
});

describe('checkReportRequest', () => {
  it('sanitizes the reason as message text is', () => {
    const checked = checkReportRequest({ roomId: 'lobby', messageId: MESSAGE_ID, reason: '  spam\u202E here \u0007 ', extra: 1 });

    expect(checked).toEqual({ ok: true, value: { roomId: 'lobby', messageId: MESSAGE_ID, reason: 'spam here' } });
  });

  it.each([
    [{ roomId: 'lobby', messageId: MESSAGE_ID }, 'reason must be a string'],
    [{ roomId: 'lobby', messageId: MESSAGE_ID, reason: ' \u0000\n\u202E ' }, 'A reason is required'],
    [{ roomId: 'lobby', messageId: MESSAGE_ID, reason: 'x'.repeat(REPORT_REASON_MAX_LENGTH + 1) }, 'reason must be at most 500 characters (it has 501)'],
    [{ roomId: 'Lobby!', messageId: MESSAGE_ID, reason: 'r' }, 'roomId must be a room id'],
    [{ roomId: 'lobby', messageId: 'x', reason: 'r' }, 'messageId must be a message id'],
    ['nope', 'body must be { roomId, messageId, reason }'],
  ])('refuses %j', (body, error) => {
    expect(checkReportRequest(body)).toEqual({ ok: false, error });
  });

  it('counts code points, not UTF-16 units', () => {
    expect(checkReportRequest({ roomId: 'lobby', messageId: MESSAGE_ID, reason: '😀'.repeat(REPORT_REASON_MAX_LENGTH) }).ok).toBe(true);
  });
});

describe('checks of the answers', () => {
  it('accepts a report whose id names its room and message', () => {
    const report = { reportId: reportIdOf('lobby', MESSAGE_ID), roomId: 'lobby', messageId: MESSAGE_ID, reason: 'spam', at: 'now' };

    expect(checkReport(report)).toEqual({ ok: true, value: report });
    expect(checkReport({ ...report, roomId: 'other' }).ok).toBe(false);
  });

  it('accepts a queue page and keeps only known fields', () => {
    const checked = checkReportQueuePage({ items: [{ ...queueItem, extra: true }], nextCursor: 'abc' });

    expect(checked).toEqual({ ok: true, value: { items: [queueItem], nextCursor: 'abc' } });
  });

  it.each([
    ['a context message from another room', { ...queueItem, context: [{ ...message, message: { ...message.message, roomId: 'other' } }] }],
    ['an unknown status', { ...queueItem, status: 'pending' }],
    ['a reporter without a sub', { ...queueItem, reports: [{ reporter: { handle: 'a', displayName: 'A' }, reason: 'r', at: 't' }] }],
    ['an id for another message', { ...queueItem, id: reportIdOf('lobby', '01JB0000000000000000000001') }],
    ['an unknown resolution', { ...queueItem, resolution: { action: 'ban', by: person, at: 't', auditId: 'a' } }],
  ])('refuses a page with %s', (_, item) => {
    expect(checkReportQueuePage({ items: [item] }).ok).toBe(false);
  });

  it('accepts a resolve answer', () => {
    const result = { id: queueItem.id, status: 'resolved', resolution: { action: 'remove', by: person, at: 't', auditId: 'a' }, changed: true };

    expect(checkResolveReportResult(result)).toEqual({ ok: true, value: result });
    expect(checkResolveReportResult({ ...result, changed: 'yes' }).ok).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { MODERATION_NAME_MAX_LENGTH, MODERATION_QUERY_MAX_LENGTH } from '../../core/limits.ts';
import { BadRequestError } from '../lib/errors.ts';
import { maxMessageIdAt, minMessageIdAt } from '../../core/message-id.ts';
import { idRange, parseAuditFilters, parseExportParams, parseMessageFilters, parsePageParams } from './filters.ts';

describe('moderation filters', () => {
  it('reads every message filter, normalizing times and lower-casing the text query', () => {
    const filters = parseMessageFilters({
      roomId: 'general',
      author: '  Alice ',
      from: '2025-01-01',
      to: '2025-01-02T10:00:00+02:00',
      status: 'removed',
      q: ' Hello World ',
    });

    expect(filters).toEqual({
      roomId: 'general',
      author: 'Alice',
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-01-02T08:00:00.000Z',
      status: 'removed',
      q: 'hello world',
    });
  });

  it('accepts a text query and an author name as long as the console lets them be typed', () => {
    const filters = parseMessageFilters({ q: 'x'.repeat(MODERATION_QUERY_MAX_LENGTH), author: 'y'.repeat(MODERATION_NAME_MAX_LENGTH) });

    expect([filters.q?.length, filters.author?.length]).toEqual([MODERATION_QUERY_MAX_LENGTH, MODERATION_NAME_MAX_LENGTH]);
  });

  it('treats absent and empty parameters as no filter', () => {
    expect(parseMessageFilters(undefined)).toEqual({});
    expect(parseMessageFilters({ roomId: '', author: ' ', q: '  ', from: '' })).toEqual({});
  });

  it.each([
    ['a bad room id', { roomId: 'General!' }],
    ['an unknown status', { status: 'hidden' }],
    ['a time that is not ISO', { from: 'yesterday' }],
    ['a date that does not exist', { to: '2025-13-45' }],
    ['from after to', { from: '2025-02-01', to: '2025-01-01' }],
    ['a text query over the limit', { q: 'x'.repeat(MODERATION_QUERY_MAX_LENGTH + 1) }],
    ['an author name over the limit', { author: 'x'.repeat(MODERATION_NAME_MAX_LENGTH + 1) }],
  ])('rejects %s', (_what, params) => {
    expect(() => parseMessageFilters(params)).toThrow(BadRequestError);
  });

  it('reads the audit filters', () => {
    expect(parseAuditFilters({ roomId: 'general', moderator: 'Morgan', from: '2025-01-01T00:00:00Z' })).toEqual({
      roomId: 'general',
      moderator: 'Morgan',
      from: '2025-01-01T00:00:00.000Z',
    });
  });

  it.each([
    [{}, { limit: 50 }],
    [{ limit: '1', cursor: 'abc' }, { limit: 1, cursor: 'abc' }],
    [{ limit: '100', cursor: '' }, { limit: 100 }],
  ])('reads the page parameters %j', (params, expected) => {
    expect(parsePageParams(params)).toEqual(expected);
  });

  it.each([['0'], ['101'], ['2.5'], ['ten'], ['']])('rejects limit %j', (limit) => {
    expect(() => parsePageParams({ limit })).toThrow(BadRequestError);
  });

  it('defaults an export to messages as CSV, and rejects other kinds and formats', () => {
    expect(parseExportParams({})).toEqual({ kind: 'messages', format: 'csv' });
    expect(parseExportParams({ kind: 'audit', format: 'json' })).toEqual({ kind: 'audit', format: 'json' });
    expect(() => parseExportParams({ format: 'xlsx' })).toThrow(BadRequestError);
    expect(() => parseExportParams({ kind: 'rooms' })).toThrow(BadRequestError);
  });

  it('turns a time range into inclusive id bounds, capped below a cursor', () => {
    const from = '2025-01-01T00:00:00.000Z';
    const to = '2025-01-02T00:00:00.000Z';
    const cursorId = minMessageIdAt(Date.parse('2025-01-01T12:00:00.000Z'));

    expect(idRange({ from, to })).toEqual({ lower: minMessageIdAt(Date.parse(from)), upper: maxMessageIdAt(Date.parse(to)) });
    expect(idRange({ from, to }, cursorId)).toEqual({ lower: minMessageIdAt(Date.parse(from)), upper: cursorId });
    expect(idRange({ to: from }, cursorId)).toEqual({ upper: maxMessageIdAt(Date.parse(from)) });
    expect(idRange({})).toEqual({});
  });
});

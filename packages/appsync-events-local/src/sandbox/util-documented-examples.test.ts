import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespaceHandlers } from './create-namespace-handlers.ts';
import { loadHandlerModule } from './load-handler-module.ts';
import { createTempDir, publishContext, testNamespace } from './sandbox-fixtures.ts';
import type { TempDir } from './sandbox-fixtures.ts';
import { parseFormatted, parseIso8601 } from './time-parse.ts';

let dir: TempDir;

beforeAll(async () => {
  dir = await createTempDir();
});

afterAll(async () => {
  await dir.remove();
});

async function inHandler(expression: string): Promise<unknown> {
  const file = await dir.write(
    `util-${Math.random().toString(36).slice(2)}.mjs`,
    `import { util } from '@aws-appsync/utils';
     export function onPublish(ctx) { return [{ id: ctx.events[0].id, payload: ${expression} }]; }`,
  );
  const handlers = createNamespaceHandlers(await loadHandlerModule(file), {
    namespace: testNamespace(),
    dataSources: { invoke: () => Promise.reject(new Error('unused')) },
  });
  const result = await handlers.onPublish(publishContext({ path: '/test/a', events: [{ id: 'e1', payload: null }] }));
  return result.ok ? result.events[0]?.payload : result.error;
}

describe('util.time, with the documented examples', () => {
  it('parses formatted timestamps with an offset in the text or a zone given', async () => {
    expect(
      await inHandler(`[
        util.time.parseFormattedToEpochMilliSeconds('2018-02-01 17:21:05.000+0000', 'yyyy-MM-dd HH:mm:ss.SSSZ'),
        util.time.parseFormattedToEpochMilliSeconds('2018-02-01 09:21:05', 'yyyy-MM-dd HH:mm:ss', 'America/Los_Angeles'),
        util.time.parseISO8601ToEpochMilliSeconds('2018-02-01T17:21:05.000+0000'),
        util.time.epochMilliSecondsToFormatted(1517943695750, 'yyyy-MM-dd HH:mm:ssZ'),
        util.time.epochMilliSecondsToFormatted(1517943695750, 'yyyy-MM-dd HH:mm:ssZ', 'America/Los_Angeles'),
      ]`),
    ).toEqual([1517505665000, 1517505665000, 1517505665000, '2018-02-06 19:01:35+0000', '2018-02-06 11:01:35-0800']);
  });

  it('reads month and day names, 12-hour clocks, quoted text and a zone across a DST change', () => {
    expect(parseFormatted("Thu, 1 Feb 2018 5:21 PM o'clock", "EEE, d MMM yyyy h:mm a 'o''clock'")).toBe(Date.UTC(2018, 1, 1, 17, 21));
    expect(parseFormatted('2026-07-01 12:00', 'yyyy-MM-dd HH:mm', 'Europe/Oslo')).toBe(Date.UTC(2026, 6, 1, 10, 0));
    expect(parseFormatted('2026-01-01 12:00 +05:30', 'yyyy-MM-dd HH:mm XXX')).toBe(Date.UTC(2026, 0, 1, 6, 30));
  });

  it('refuses text that does not match the whole pattern', () => {
    expect(() => parseFormatted('2018-02-01 17:21', 'yyyy-MM-dd HH:mm:ss')).toThrow('could not be parsed');
    expect(() => parseIso8601('yesterday')).toThrow('Cannot parse ISO 8601');
  });

  it('parses ISO 8601 offsets in every spelling', () => {
    expect([parseIso8601('2018-02-01T17:21:05Z'), parseIso8601('2018-02-01T18:21:05+01:00'), parseIso8601('2018-02-01T12:21:05.000-05'), parseIso8601('2018-02-01')]).toEqual([
      1517505665000, 1517505665000, 1517505665000, Date.UTC(2018, 1, 1),
    ]);
  });
});

describe('util.dynamodb, with the documented examples (numbers as DynamoDB strings)', () => {
  it('converts values to typed attribute values', async () => {
    expect(
      await inHandler(`[
        util.dynamodb.toDynamoDB('foo'), util.dynamodb.toString('foo'), util.dynamodb.toStringSet(['foo', 'bar', 'baz']),
        util.dynamodb.toNumber(12345), util.dynamodb.toNumberSet([1, 23, 4.56]), util.dynamodb.toBinary('foo'),
        util.dynamodb.toBinarySet(['foo', 'bar']), util.dynamodb.toBoolean(true), util.dynamodb.toNull(), util.dynamodb.toString(null),
      ]`),
    ).toEqual([
      { S: 'foo' }, { S: 'foo' }, { SS: ['foo', 'bar', 'baz'] }, { N: '12345' }, { NS: ['1', '23', '4.56'] }, { B: 'foo' },
      { BS: ['foo', 'bar'] }, { BOOL: true }, { NULL: true }, null,
    ]);
  });

  it('converts lists and maps, nested values included', async () => {
    expect(await inHandler(`[util.dynamodb.toList(['foo', 123, { bar: 'baz' }]), util.dynamodb.toMap({ foo: 'bar', baz: 1234, beep: ['boop'] })]`)).toEqual([
      { L: [{ S: 'foo' }, { N: '123' }, { M: { bar: { S: 'baz' } } }] },
      { M: { foo: { S: 'bar' }, baz: { N: '1234' }, beep: { L: [{ S: 'boop' }] } } },
    ]);
  });

  it('writes and reads the S3 object string', async () => {
    expect(await inHandler(`[util.dynamodb.toS3Object('foo', 'bar', 'baz'), util.dynamodb.fromS3ObjectJson(util.dynamodb.toS3Object('foo', 'bar', 'baz', 'beep').S)]`)).toEqual([
      { S: '{ "s3" : { "key" : "foo", "bucket" : "bar", "region" : "baz" } }' },
      { key: 'foo', bucket: 'bar', region: 'baz', version: 'beep' },
    ]);
  });

  it('fails the handler on a value of the wrong type', async () => {
    expect(await inHandler(`util.dynamodb.toNumber('12')`)).toEqual({ errorType: 'HandlerError', message: expect.stringContaining('util.dynamodb.toNumber expects a number') });
  });
});

describe('util.math', () => {
  it('rounds, compares and draws within a range', async () => {
    expect(await inHandler(`[util.math.roundNum(2.5), util.math.minVal(3, 1), util.math.maxVal(3, 1), util.math.randomWithinRange(4, 4), util.math.randomDouble() < 1]`)).toEqual([
      3, 1, 3, 4, true,
    ]);
  });
});

describe('utilities of data sources the local cloud does not run', () => {
  it('fail the handler naming them', async () => {
    expect(await inHandler(`util.xml.toMap('<a/>')`)).toEqual({ errorType: 'HandlerError', message: expect.stringContaining('util.xml.toMap serves HTTP data sources') });
    expect(await inHandler(`util.rds.toJsonObject('{}')`)).toEqual({ errorType: 'HandlerError', message: expect.stringContaining('util.rds.toJsonObject serves Amazon RDS data sources') });
  });
});

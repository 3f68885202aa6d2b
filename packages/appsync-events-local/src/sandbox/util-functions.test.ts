import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoKsuid, autoUlid } from './auto-ids.ts';
import { createNamespaceHandlers } from './create-namespace-handlers.ts';
import { loadHandlerModule } from './load-handler-module.ts';
import { cognitoIdentity, createTempDir, iamIdentity, publishContext, testNamespace } from './sandbox-fixtures.ts';
import type { TempDir } from './sandbox-fixtures.ts';
import { formatEpochMillis } from './time-format.ts';
import { authTypeOf, escapeJavaScript, urlDecode, urlEncode } from './util-functions.ts';

const NOW = new Date('2026-03-01T12:34:56.789Z');
let dir: TempDir;

beforeAll(async () => {
  dir = await createTempDir();
});

afterAll(async () => {
  await dir.remove();
});

/** Evaluates `expression` inside a handler (with `util` imported) and returns its value. */
async function inHandler(expression: string, identity: unknown = cognitoIdentity()): Promise<unknown> {
  const file = await dir.write(
    `util-${Math.random().toString(36).slice(2)}.mjs`,
    `import { util } from '@aws-appsync/utils';
     export function onPublish(ctx) { return [{ id: ctx.events[0].id, payload: ${expression} }]; }`,
  );
  const handlers = createNamespaceHandlers(await loadHandlerModule(file), {
    namespace: testNamespace(),
    dataSources: { invoke: () => Promise.reject(new Error('unused')) },
    now: () => NOW,
  });
  const result = await handlers.onPublish(
    publishContext({ path: '/test/a', identity: identity as never, events: [{ id: 'e1', payload: null }] }),
  );
  return result.ok ? result.events[0]?.payload : result.error;
}

describe('util inside the sandbox', () => {
  it('generates ids of the documented shapes', async () => {
    const [id, ulid, ksuid] = (await inHandler('[util.autoId(), util.autoUlid(), util.autoKsuid()]')) as string[];

    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ulid).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(ksuid).toMatch(/^[0-9A-Za-z]{27}$/);
  });

  it('tells the time from the injected clock', async () => {
    const value = await inHandler(`[
      util.time.nowISO8601(), util.time.nowEpochSeconds(), util.time.nowEpochMilliSeconds(),
      util.time.nowFormatted('yyyy-MM-dd HH:mm:ss'), util.time.nowFormatted('HH:mm XXX', 'Asia/Kolkata'),
      util.time.parseISO8601ToEpochMilliSeconds('1970-01-01T00:00:01Z'), util.time.epochMilliSecondsToISO8601(1000),
      util.time.epochMilliSecondsToSeconds(1999), util.time.epochMilliSecondsToFormatted(0, "yyyy-MM-dd'T'HH:mmZ"),
    ]`);

    expect(value).toEqual([
      '2026-03-01T12:34:56.789Z', 1772368496, 1772368496789, '2026-03-01 12:34:56', '18:04 +05:30', 1000,
      '1970-01-01T00:00:01.000Z', 1, '1970-01-01T00:00+0000',
    ]);
  });

  it('normalizes, matches, encodes and escapes strings', async () => {
    const value = await inHandler(`[
      util.str.normalize('e\\u0301', 'nfc'), util.str.normalize('\\u00e9', 'nfd').length,
      util.matches('a*b', 'aaaab'), util.matches('a', 'ab'),
      util.base64Encode('héllo'), util.base64Decode('aMOpbGxv'),
      util.urlEncode('a b&c'), util.urlDecode('a+b%26c'), util.escapeJavaScript('say "hi"\\n'),
    ]`);

    expect(value).toEqual(['é', 2, true, false, 'aMOpbGxv', 'héllo', 'a+b%26c', 'a b&c', 'say \\"hi\\"\\n']);
  });

  it('offers the type helpers', async () => {
    const value = await inHandler(`[
      util.isNull(null), util.isNull(0), util.isNullOrEmpty(''), util.isNullOrBlank('  '), util.defaultIfNull(null, 'd'),
      util.isString('s'), util.isNumber(1), util.isBoolean(false), util.isList([]), util.isMap({}),
      util.typeOf(null), util.typeOf([]), util.typeOf({}), util.typeOf('x'),
    ]`);

    expect(value).toEqual([true, false, true, true, 'd', true, true, true, true, true, 'Null', 'List', 'Map', 'String']);
  });

  it('reports the auth type of the caller', async () => {
    expect(await inHandler('util.authType()')).toBe('User Pool Authorization');
    expect(await inHandler('util.authType()', iamIdentity())).toBe('IAM Authorization');
    expect(await inHandler('util.authType()', null)).toBe('API Key Authorization');
  });

  it('fails the handler with a clear message on bad arguments', async () => {
    const value = await inHandler(`util.str.normalize('x', 'nfx')`);

    expect(value).toEqual({ errorType: 'HandlerError', message: expect.stringContaining('util.str.normalize') });
  });
});

describe('util helpers', () => {
  it('escapes like escapeEcmaScript', () => {
    expect(escapeJavaScript(`it's </b> \u00e9\t`)).toBe("it\\'s <\\/b> \\u00E9\\t");
  });

  it('url-encodes as a form would', () => {
    expect(urlEncode("a b!~*'()")).toBe('a+b%21%7E*%27%28%29');
    expect(urlDecode('a+b%21')).toBe('a b!');
  });

  it('formats Java-style patterns with quoted text', () => {
    expect(formatEpochMillis(Date.UTC(2026, 0, 5, 15, 4, 5, 6), "EEE, d MMM yy h:mm a 'o''clock' SSS z")).toBe(
      "Mon, 5 Jan 26 3:04 PM o'clock 006 UTC",
    );
  });

  it('sorts ULIDs and KSUIDs by creation time', () => {
    const zeros = () => new Uint8Array(16);
    const earlier = { now: () => new Date('2026-01-01T00:00:00Z'), randomBytes: zeros };
    const later = { now: () => new Date('2026-01-01T00:00:01Z'), randomBytes: zeros };

    expect(autoUlid(earlier) < autoUlid(later)).toBe(true);
    expect(autoKsuid(earlier) < autoKsuid(later)).toBe(true);
  });

  it('names the auth type from the identity shape', () => {
    expect(authTypeOf({ sub: 's', issuer: 'i', claims: {} })).toBe('Open ID Connect Authorization');
    expect(authTypeOf({ handlerContext: {} })).toBe('Lambda Authorization');
  });
});

/**
 * Host-side implementations of the `util` functions handler code may call, keyed by their
 * dotted name (`time.nowISO8601`). The sandbox exposes each to the handler through a JSON
 * bridge, so arguments and results are plain JSON values. Control flow (`util.error`,
 * `util.unauthorized`, `runtime.earlyReturn`) and the type predicates live inside the VM.
 */
import { autoId, autoKsuid, autoUlid } from './auto-ids.ts';
import { formatEpochMillis } from './time-format.ts';
import { parseFormatted, parseIso8601 } from './time-parse.ts';
import { DYNAMODB_UTIL } from './util-dynamodb.ts';

export type UtilFunction = (...args: unknown[]) => unknown;
export type UtilFunctions = Record<string, UtilFunction>;

export interface UtilEnvironment {
  now: () => Date;
  /** `ctx.identity`, for `util.authType()`. */
  identity: unknown;
  appendError: (message: unknown, errorType: unknown) => void;
  random?: () => number;
  randomBytes?: (size: number) => Uint8Array;
}

const NORMALIZATION_FORMS = ['nfc', 'nfd', 'nfkc', 'nfkd'];

function text(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new TypeError(`util.${name} expects a string, got ${typeof value}`);
  return value;
}

function number(value: unknown, name: string): number {
  if (typeof value !== 'number' || Number.isNaN(value)) throw new TypeError(`util.${name} expects a number`);
  return value;
}

/** Apache Commons `escapeEcmaScript`, which AppSync's `escapeJavaScript` follows. */
export function escapeJavaScript(value: string): string {
  const named: Record<string, string> = {
    "'": "\\'", '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\n': '\\n', '\t': '\\t', '\f': '\\f', '\r': '\\r',
  };
  return value.replace(/[\s\S]/g, (c) => {
    const code = c.charCodeAt(0);
    if (named[c] !== undefined) return named[c];
    if (code < 0x20 || code > 0x7e) return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return c;
  });
}

/** `application/x-www-form-urlencoded`, as Java's `URLEncoder` writes it. */
export function urlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

export function urlDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

/** The strings `util.authType()` returns, from the shape of `ctx.identity` (each auth mode builds a different one). */
export function authTypeOf(identity: unknown): string {
  if (typeof identity !== 'object' || identity === null) return 'API Key Authorization';
  const has = (key: string): boolean => Object.hasOwn(identity, key);
  if (has('userArn')) return 'IAM Authorization';
  if (has('handlerContext') || has('resolverContext')) return 'Lambda Authorization';
  if (has('defaultAuthStrategy')) return 'User Pool Authorization';
  return 'Open ID Connect Authorization';
}

/** Utilities of data sources the local cloud does not run: a handler using one fails naming it. */
const NOT_RUN: UtilFunctions = Object.fromEntries(
  [
    ['http.copyHeaders', 'HTTP'],
    ['http.addResponseHeader', 'HTTP'],
    ['http.addResponseHeaders', 'HTTP'],
    ['xml.toMap', 'HTTP'],
    ['xml.toJsonString', 'HTTP'],
    ['rds.toJsonObject', 'Amazon RDS'],
  ].map(([name, kind]) => [
    name,
    () => {
      throw new Error(`util.${name} serves ${kind} data sources, which the local cloud does not run`);
    },
  ]),
);

export function createUtilFunctions(env: UtilEnvironment): UtilFunctions {
  const random = env.random ?? Math.random;
  const ids = { now: env.now, randomBytes: env.randomBytes };
  const nowMs = (): number => env.now().getTime();
  return {
    autoId: () => autoId(),
    autoUlid: () => autoUlid(ids),
    autoKsuid: () => autoKsuid(ids),
    appendError: (message, errorType) => env.appendError(message, errorType),
    authType: () => authTypeOf(env.identity),
    escapeJavaScript: (value) => escapeJavaScript(text(value, 'escapeJavaScript')),
    urlEncode: (value) => urlEncode(text(value, 'urlEncode')),
    urlDecode: (value) => urlDecode(text(value, 'urlDecode')),
    base64Encode: (value) => Buffer.from(text(value, 'base64Encode'), 'utf8').toString('base64'),
    base64Decode: (value) => Buffer.from(text(value, 'base64Decode'), 'base64').toString('utf8'),
    // Java's String.matches: the whole string must match.
    matches: (pattern, value) => new RegExp(`^(?:${text(pattern, 'matches')})$`).test(text(value, 'matches')),
    'str.normalize': (value, form) => {
      if (typeof form !== 'string' || !NORMALIZATION_FORMS.includes(form)) {
        throw new TypeError(`util.str.normalize form must be one of ${NORMALIZATION_FORMS.join(', ')}`);
      }
      return text(value, 'str.normalize').normalize(form.toUpperCase());
    },
    'time.nowISO8601': () => env.now().toISOString(),
    'time.nowEpochSeconds': () => Math.floor(nowMs() / 1000),
    'time.nowEpochMilliSeconds': () => nowMs(),
    'time.nowFormatted': (pattern, zone) =>
      formatEpochMillis(nowMs(), text(pattern, 'time.nowFormatted'), zone === undefined || zone === null ? 'UTC' : text(zone, 'time.nowFormatted')),
    'time.parseISO8601ToEpochMilliSeconds': (value) => parseIso8601(text(value, 'time.parseISO8601ToEpochMilliSeconds')),
    'time.parseFormattedToEpochMilliSeconds': (value, pattern, zone) =>
      parseFormatted(
        text(value, 'time.parseFormattedToEpochMilliSeconds'),
        text(pattern, 'time.parseFormattedToEpochMilliSeconds'),
        zone === undefined || zone === null ? 'UTC' : text(zone, 'time.parseFormattedToEpochMilliSeconds'),
      ),
    'time.epochMilliSecondsToSeconds': (ms) => Math.floor(number(ms, 'time.epochMilliSecondsToSeconds') / 1000),
    'time.epochMilliSecondsToISO8601': (ms) => new Date(number(ms, 'time.epochMilliSecondsToISO8601')).toISOString(),
    'time.epochMilliSecondsToFormatted': (ms, pattern, zone) =>
      formatEpochMillis(
        number(ms, 'time.epochMilliSecondsToFormatted'),
        text(pattern, 'time.epochMilliSecondsToFormatted'),
        zone === undefined || zone === null ? 'UTC' : text(zone, 'time.epochMilliSecondsToFormatted'),
      ),
    ...DYNAMODB_UTIL,
    ...NOT_RUN,
    'math.roundNum': (n) => Math.round(number(n, 'math.roundNum')),
    'math.minVal': (a, b) => Math.min(number(a, 'math.minVal'), number(b, 'math.minVal')),
    'math.maxVal': (a, b) => Math.max(number(a, 'math.maxVal'), number(b, 'math.maxVal')),
    'math.randomDouble': () => random(),
    'math.randomWithinRange': (start, end) => {
      const low = Math.ceil(number(start, 'math.randomWithinRange'));
      const high = Math.floor(number(end, 'math.randomWithinRange'));
      return low + Math.floor(random() * (high - low + 1));
    },
  };
}

/**
 * `util.time.parseFormattedToEpochMilliSeconds` and `parseISO8601ToEpochMilliSeconds`: the
 * reverse of time-format.ts, for the same subset of Java's `DateTimeFormatter` letters (y, M, d,
 * H, h, m, s, S, a, E, Z, X, x, z, quoted text). The whole text must match the pattern, as a
 * Java parse does. An offset in the text wins; otherwise the wall-clock time is read in the
 * zone given (UTC by default). Pure.
 */
import { DAY_NAMES, MONTH_NAMES, zoneOffsetMinutes } from './time-format.ts';

interface Parsed {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  pm: boolean | null;
  offsetMinutes: number | null;
  zone: string | null;
}

type Setter = (parsed: Parsed, text: string) => void;

const OFFSET = '(Z|[+-]\\d{2}(?::?\\d{2})?)';
const NAMES = (names: readonly string[], short: boolean) => `(${names.map((n) => (short ? n.slice(0, 3) : n)).join('|')})`;

function readOffset(text: string): number {
  if (text === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
  return text.startsWith('-') ? -minutes : minutes;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function letterRule(letter: string, count: number): [string, Setter] {
  const digits = (min: number) => `(\\d{${min},${Math.max(min, 9)}})`;
  switch (letter) {
    case 'y':
    case 'u':
      return count === 2 ? ['(\\d{2})', (p, t) => (p.year = 2000 + Number(t))] : [digits(count), (p, t) => (p.year = Number(t))];
    case 'M':
      if (count >= 3) return [NAMES(MONTH_NAMES, count === 3), (p, t) => (p.month = MONTH_NAMES.findIndex((m) => m.startsWith(t)) + 1)];
      return [count === 1 ? '(\\d{1,2})' : '(\\d{2})', (p, t) => (p.month = Number(t))];
    case 'd':
    case 'H':
    case 'h':
    case 'm':
    case 's': {
      const pattern = count === 1 ? '(\\d{1,2})' : '(\\d{2})';
      const key = ({ d: 'day', H: 'hour', h: 'hour', m: 'minute', s: 'second' } as const)[letter];
      return [pattern, (p, t) => (p[key] = Number(t))];
    }
    case 'S':
      return [`(\\d{${count}})`, (p, t) => (p.millisecond = Math.floor(Number(`0.${t}`) * 1000))];
    case 'a':
      return ['(AM|PM|am|pm)', (p, t) => (p.pm = t.toUpperCase() === 'PM')];
    case 'E':
      return [NAMES(DAY_NAMES, count < 4), () => undefined];
    case 'Z':
    case 'X':
    case 'x':
      return [OFFSET, (p, t) => (p.offsetMinutes = readOffset(t))];
    case 'z':
      return ['([A-Za-z_]+(?:/[A-Za-z_]+)*)', (p, t) => (p.zone = t)];
    default:
      throw new Error(`Unsupported date-time pattern letter '${letter}'`);
  }
}

/** Epoch milliseconds of `text` read with the Java-style `pattern`; throws when it does not match. */
export function parseFormatted(text: string, pattern: string, timeZone = 'UTC'): number {
  const tokens = pattern.match(/'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
  const setters: Setter[] = [];
  const source = tokens
    .map((token) => {
      if (token.startsWith("'")) return escapeRegExp(token === "''" ? "'" : token.slice(1, -1).replaceAll("''", "'"));
      if (!/^[A-Za-z]/.test(token)) return escapeRegExp(token);
      const [regex, setter] = letterRule(token.charAt(0), token.length);
      setters.push(setter);
      return regex;
    })
    .join('');
  const match = new RegExp(`^${source}$`).exec(text);
  if (match === null) throw new Error(`Text '${text}' could not be parsed with pattern '${pattern}'`);
  const parsed: Parsed = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0, pm: null, offsetMinutes: null, zone: null };
  setters.forEach((set, i) => set(parsed, match[i + 1] ?? ''));
  const hour = parsed.pm === null ? parsed.hour : (parsed.hour % 12) + (parsed.pm ? 12 : 0);
  const wall = Date.UTC(parsed.year, parsed.month - 1, parsed.day, hour, parsed.minute, parsed.second, parsed.millisecond);
  if (parsed.offsetMinutes !== null) return wall - parsed.offsetMinutes * 60_000;
  const zone = parsed.zone ?? timeZone;
  // The zone's offset at the wall time, then again at the instant found (a DST change in between).
  const first = wall - zoneOffsetMinutes(wall, zone) * 60_000;
  return wall - zoneOffsetMinutes(first, zone) * 60_000;
}

/** ISO 8601 with an offset written `Z`, `+hh:mm`, `+hhmm` or `+hh`, fraction optional. */
export function parseIso8601(text: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?)?$/.exec(text);
  if (match === null) throw new Error(`Cannot parse ISO 8601 timestamp: ${text}`);
  const [, date, time = '00:00', zone = 'Z'] = match;
  const [clock = '00:00', fraction = ''] = time.split('.');
  const [h = '0', m = '0', s = '0'] = clock.split(':');
  const [year, month, day] = (date ?? '').split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, Number(h), Number(m), Number(s), Math.floor(Number(`0.${fraction || '0'}`) * 1000));
  return wall - readOffset(zone) * 60_000;
}

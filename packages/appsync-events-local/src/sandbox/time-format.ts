/**
 * A small subset of Java's `DateTimeFormatter` patterns, for `util.time.nowFormatted` and
 * `util.time.epochMilliSecondsToFormatted`: y, M, d, H, h, m, s, S, a, E, Z, X, x, z and quoted
 * text. Time zones by IANA name through `Intl`.
 */

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number;
  offsetMinutes: number;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function wallClock(epochMillis: number, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(epochMillis));
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const millisecond = ((epochMillis % 1000) + 1000) % 1000;
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'), millisecond);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
    millisecond,
    weekday: new Date(asUtc).getUTCDay(),
    offsetMinutes: Math.round((asUtc - epochMillis) / 60_000),
  };
}

/** Minutes `timeZone` is ahead of UTC at `epochMillis` (for parsing a wall-clock time in that zone). */
export function zoneOffsetMinutes(epochMillis: number, timeZone: string): number {
  return wallClock(epochMillis, timeZone).offsetMinutes;
}

export const MONTH_NAMES: readonly string[] = MONTHS;
export const DAY_NAMES: readonly string[] = DAYS;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function offset(minutes: number, colon: boolean, zForZero: boolean): string {
  if (minutes === 0 && zForZero) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

function field(letter: string, count: number, t: WallClock, timeZone: string): string {
  switch (letter) {
    case 'y':
    case 'u':
      return count === 2 ? pad(t.year % 100, 2) : pad(t.year, count);
    case 'M':
      if (count >= 4) return MONTHS[t.month - 1] ?? '';
      if (count === 3) return (MONTHS[t.month - 1] ?? '').slice(0, 3);
      return pad(t.month, count);
    case 'd':
      return pad(t.day, count);
    case 'H':
      return pad(t.hour, count);
    case 'h':
      return pad(t.hour % 12 === 0 ? 12 : t.hour % 12, count);
    case 'm':
      return pad(t.minute, count);
    case 's':
      return pad(t.second, count);
    case 'S':
      return pad(t.millisecond, 3).padEnd(count, '0').slice(0, count);
    case 'a':
      return t.hour < 12 ? 'AM' : 'PM';
    case 'E':
      return count >= 4 ? (DAYS[t.weekday] ?? '') : (DAYS[t.weekday] ?? '').slice(0, 3);
    case 'Z':
      return offset(t.offsetMinutes, false, false);
    case 'X':
      return offset(t.offsetMinutes, count >= 3, true);
    case 'x':
      return offset(t.offsetMinutes, count >= 3, false);
    case 'z':
      return timeZone;
    default:
      throw new Error(`Unsupported date-time pattern letter '${letter}'`);
  }
}

/** Formats `epochMillis` with a Java-style pattern, e.g. `yyyy-MM-dd HH:mm:ssZ`. */
export function formatEpochMillis(epochMillis: number, pattern: string, timeZone = 'UTC'): string {
  const t = wallClock(epochMillis, timeZone);
  // Quoted text ('' is a literal quote), runs of one pattern letter, or any other character.
  const tokens = pattern.match(/'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
  return tokens
    .map((token) => {
      if (token.startsWith("'")) return token === "''" ? "'" : token.slice(1, -1).replaceAll("''", "'");
      if (/^[A-Za-z]/.test(token)) return field(token.charAt(0), token.length, t, timeZone);
      return token;
    })
    .join('');
}

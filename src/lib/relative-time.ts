const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

// Building an Intl formatter costs far more than formatting with one: a message list formats a
// time per row, so each formatter is built once per locale.
const relativeFormats = new Map<string | undefined, Intl.RelativeTimeFormat>();
const exactFormats = new Map<string | undefined, Intl.DateTimeFormat>();

function relativeFormat(locale: string | undefined): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, format);
  }
  return format;
}

function exactFormat(locale: string | undefined): Intl.DateTimeFormat {
  let format = exactFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'medium' });
    exactFormats.set(locale, format);
  }
  return format;
}

/** "just now", "5 minutes ago", "yesterday": a short relative time for `iso` as seen at `now`. */
export function formatRelative(iso: string, now: number, locale?: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const [unit, size] = UNITS.find(([, size]) => Math.abs(seconds) >= size) ?? ['minute', 60];
  return relativeFormat(locale).format(Math.round(seconds / size), unit);
}

/** The exact time, for a tooltip. */
export function formatExact(iso: string, locale?: string): string {
  return exactFormat(locale).format(new Date(iso));
}

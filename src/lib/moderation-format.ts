/** A compact local date and time for console tables ("30 Nov 2026, 12:03"). */
export function formatShortTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

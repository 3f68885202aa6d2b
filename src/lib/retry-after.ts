/**
 * When a refused request can succeed, from its `Retry-After` header: the seconds the API sends, or
 * the HTTP date the standard also allows. ISO 8601, or undefined when the header is missing (a
 * cross-origin answer shows it only if CORS exposes it) or unreadable.
 */
export function retryAtFrom(header: string | undefined, nowMs: number): string | undefined {
  const value = header?.trim() ?? '';
  if (/^\d+$/.test(value)) return new Date(nowMs + Number(value) * 1000).toISOString();
  // Only an HTTP date (it ends in GMT): Date.parse would also take "-5" or "1.5" for a date.
  const date = value.endsWith('GMT') ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : new Date(date).toISOString();
}

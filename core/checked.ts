/**
 * What every edge check in `core/` returns: the value (built from known fields only), or what is
 * wrong with it, with the path to the bad part. A result, not an exception, because `core/` stays
 * inside the APPSYNC_JS subset (no `throw`); each edge turns a failure into its own error.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export function refuse<T>(error: string): Checked<T> {
  return { ok: false, error };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

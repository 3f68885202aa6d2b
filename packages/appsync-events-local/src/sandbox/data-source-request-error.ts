/**
 * A request the data source cannot take: the wrong shape for its kind (a Lambda data source
 * given a `GetItem`), or an operation the local cloud does not run yet. The sandbox fails the
 * handler with its message rather than handing `response` a `ctx.error`, so the mistake shows
 * where it was made.
 */
export class DataSourceRequestError extends Error {
  override name = 'DataSourceRequestError';
}

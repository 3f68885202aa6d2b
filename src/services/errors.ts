/**
 * What went wrong, as one readable line. aws-amplify throws `Error`s, `ApiError`s with an HTTP
 * response, and (from `events.post`) plain `{ errors: [{ message }] }` objects that are not
 * `Error`s at all: every shape ends up here.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null) {
    const errors = (error as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      const first = errors[0] as { message?: unknown; errorType?: unknown };
      return String(first.message ?? first.errorType ?? 'Request failed');
    }
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return String(error);
}

/** The HTTP status of a failed Amplify REST call, when there was a response. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const response = (error as { response?: { statusCode?: unknown } }).response;
  return typeof response?.statusCode === 'number' ? response.statusCode : undefined;
}

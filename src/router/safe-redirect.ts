/** Where to go after sign-in: an in-app path only (never `//host` or an absolute URL), else the rooms. */
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return '/rooms';
  }
  return value.startsWith('/sign-in') ? '/rooms' : value;
}

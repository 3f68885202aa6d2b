import type { AuditEntry } from '../../core/moderation.ts';

/** A compact local date and time for console tables ("30 Nov 2026, 12:03"). */
export function formatShortTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * What a member's own rename changed, old → new ("@bob → @rob", and "“Bob” → “Rob”" when the
 * display name changed too); undefined for any other audit entry.
 */
export function renameSummary(entry: AuditEntry): string | undefined {
  if (entry.action !== 'user.renamed' || entry.user === undefined || entry.previous === undefined) return undefined;
  const { previous, user } = entry;
  const parts = [];
  if (previous.handle !== user.handle) parts.push(`@${previous.handle} → @${user.handle}`);
  if (previous.displayName !== user.displayName) parts.push(`“${previous.displayName}” → “${user.displayName}”`);
  return parts.length === 0 ? `@${user.handle}` : parts.join(', ');
}

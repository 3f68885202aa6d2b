import type { Author } from '../../core/messages.ts';
import type { Moderator } from '../../core/moderation.ts';

/**
 * Authors and moderators as audit entries, mutes and a message's last moderation action store
 * them: a copy of who they were then. Copies from before handles carry `{sub, username,
 * displayName?}`; they read with no handle, under their display name (else the username they had),
 * and an author from then as no moderator. Only known fields are copied.
 */
export function storedAuthor(value: unknown): Author {
  const stored = value as Record<string, unknown>;
  const sub = stored.sub as string;
  return {
    sub,
    handle: typeof stored.handle === 'string' ? stored.handle : '',
    displayName: nameOf(stored, sub),
    moderator: stored.moderator === true,
  };
}

export function storedModerator(value: unknown): Moderator {
  const stored = value as Record<string, unknown>;
  const sub = stored.sub as string;
  return { sub, handle: typeof stored.handle === 'string' ? stored.handle : '', displayName: nameOf(stored, sub) };
}

function nameOf(stored: Record<string, unknown>, sub: string): string {
  const name = [stored.displayName, stored.username].find((value) => typeof value === 'string' && value !== '');
  return typeof name === 'string' ? name : sub;
}

/**
 * How the moderation console names a person: `Display name @handle`, as the chat shows them, so a
 * moderator can tell two accounts with one display name apart. Messages and entries stored before
 * handles have none: the display name alone. Rendered as text only.
 */
export function personLabel(person: { displayName: string; handle: string }): string {
  return person.handle === '' ? person.displayName : `${person.displayName} @${person.handle}`;
}

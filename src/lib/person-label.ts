/**
 * How the app names a person wherever a name is text: `Display name @handle`. Display names need
 * not be unique (only look-alikes of another's are refused), so the handle is what tells two
 * accounts apart: in a reply's quote, a typing line, who reacted, a notification or the
 * moderation console. Messages and entries stored before handles have none: the display name
 * alone. Rendered as text only.
 */
export function personLabel(person: { displayName: string; handle: string }): string {
  return person.handle === '' ? person.displayName : `${person.displayName} @${person.handle}`;
}

/**
 * The people search of the "New message" picker and the invite field (`GET /people?q=<prefix>`):
 * the query's rule, the answer and its check, shared by the `members` Lambda and the app. Inside
 * the APPSYNC_JS subset like the rest of `core/`.
 */
import { type Checked, isNonEmptyString, isRecord, refuse } from './checked.ts';
import { HANDLE_MAX_LENGTH } from './names.ts';

/** `GET ?q=<prefix>`: accounts whose current handle starts with the prefix. */
export const PEOPLE_PATH = '/people';

/** Most people one answer lists: a picker shows a short list and narrows as one types. */
export const PEOPLE_SEARCH_LIMIT = 10;

/** Someone found by handle, with the names their profile has now. */
export interface Person {
  sub: string;
  handle: string;
  displayName: string;
}

/** `GET /people`: at most `PEOPLE_SEARCH_LIMIT` people in handle order, never the caller. */
export interface PeopleList {
  items: Person[];
}

const HANDLE_CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789_';

/**
 * What a search looks for: the typed text trimmed, a leading `@` dropped and lower-cased, as
 * `checkHandle` reads a handle. Refused (400) only when nothing is left to search for, which the
 * app never sends. Text no handle can start with (a space, `!`, more than 20 characters) is a
 * valid search that finds nobody (`value: null`): someone typing "Bob Smith" expects "nobody
 * found", the same as for a prefix nobody has, not an error about handle syntax.
 */
export function checkPeopleQuery(value: unknown): Checked<string | null> {
  if (typeof value !== 'string') return refuse('q is required: the start of a handle');
  const trimmed = value.trim();
  const text = trimmed.startsWith('@') ? trimmed.slice(1) : trimmed;
  const prefix = text.toLowerCase();
  if (prefix === '') return refuse('q is empty: type the start of a handle');
  const fits = prefix.length <= HANDLE_MAX_LENGTH && prefix.split('').every((c) => HANDLE_CHARACTERS.includes(c));
  return { ok: true, value: fits ? prefix : null };
}

export function checkPeopleList(value: unknown): Checked<PeopleList> {
  if (!isRecord(value) || !Array.isArray(value.items)) return refuse('expected { items: Person[] }');
  const bad = value.items.findIndex(
    (item) => !isRecord(item) || !isNonEmptyString(item.sub) || !isNonEmptyString(item.handle) || !isNonEmptyString(item.displayName),
  );
  if (bad >= 0) return refuse(`items[${bad}] must be { sub, handle, displayName }`);
  if (value.items.length > PEOPLE_SEARCH_LIMIT) return refuse(`at most ${PEOPLE_SEARCH_LIMIT} items`);
  const items = value.items.map((item) => {
    const person = item as Record<string, string>;
    return { sub: person.sub ?? '', handle: person.handle ?? '', displayName: person.displayName ?? '' };
  });
  return { ok: true, value: { items } };
}

import { isValidRoomId, ROOM_ID_MAX_LENGTH, roomKindOfId } from '../../core/channels.ts';
import { checkRoomName } from '../../core/names.ts';
import { foldRoomName } from '../../core/room-name-fold.ts';
import { BadRequestError } from './errors.ts';

/**
 * A room name as `POST /rooms` and a moderator's rename accept it: folded (`foldRoomName` in
 * core/room-name-fold.ts: NFKC but for spacing accents, where display names take NFC, because the
 * id folds compatibility characters too), then the display-name rules (`checkRoomName` in
 * core/names.ts: controls, format and bidi characters and invisible fillers dropped, spaces
 * collapsed, 1–`ROOM_NAME_MAX_LENGTH` code points), and a letter or digit somewhere, so that it
 * has an id. BadRequestError (400) with the rule it breaks otherwise.
 */
export function readRoomName(value: unknown): { id: string; name: string } {
  if (typeof value !== 'string') throw new BadRequestError('name must be a string');
  const checked = checkRoomName(foldRoomName(value));
  if (!checked.ok) throw new BadRequestError(checked.error);
  const id = roomSlug(checked.value);
  if (!isValidRoomId(id)) throw new BadRequestError('name must contain a letter or digit (a–z, 0–9, accented or not)');
  return { id, name: checked.value };
}

/**
 * The `{name}` of a request body: the sanitized name and the id derived from it, lower-case
 * `[a-z0-9-]`, accents folded ("Café Ops" → "cafe-ops"), 1–50 characters. The same name always
 * gives the same id, so a second `POST /rooms` of a name finds its room without a key lookup.
 */
export function parseRoomName(body: unknown): { id: string; name: string } {
  const raw = typeof body === 'object' && body !== null && 'name' in body ? body.name : undefined;
  return readRoomName(raw);
}

/**
 * The public room id of a name. A slug shaped like a private room's or DM's id (`p-`/`d-` and 26
 * base32 characters, e.g. the name "P 0123456789abcdefghjkmnpqrs") gets `-room` appended, so that
 * an id's shape alone tells its kind (core/channels.ts) and no public room needs a membership read.
 */
export function roomSlug(name: string): string {
  const slug = baseSlug(name);
  return roomKindOfId(slug) === 'public' ? slug : `${slug}-room`;
}

function baseSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, ROOM_ID_MAX_LENGTH)
    .replace(/-+$/, '');
}

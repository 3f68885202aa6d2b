import { isValidRoomId, ROOM_ID_MAX_LENGTH } from '../../core/channels.ts';
import { ROOM_NAME_MAX_LENGTH } from '../../core/limits.ts';
import { BadRequestError } from '../lib/errors.ts';

/**
 * A room name as typed (trimmed, inner whitespace collapsed) and the id derived from it:
 * lower-case `[a-z0-9-]`, accents folded ("Café Ops" → "cafe-ops"), 1–50 characters. The same
 * name always gives the same id, which is what makes POST /rooms idempotent.
 */
export function parseRoomName(body: unknown): { id: string; name: string } {
  const raw = typeof body === 'object' && body !== null && 'name' in body ? body.name : undefined;
  if (typeof raw !== 'string') throw new BadRequestError('name must be a string');
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length < 1 || name.length > ROOM_NAME_MAX_LENGTH) {
    throw new BadRequestError(`name must be 1–${ROOM_NAME_MAX_LENGTH} characters`);
  }
  const id = roomSlug(name);
  if (!isValidRoomId(id)) throw new BadRequestError('name must contain a letter or digit');
  return { id, name };
}

export function roomSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, ROOM_ID_MAX_LENGTH)
    .replace(/-+$/, '');
}

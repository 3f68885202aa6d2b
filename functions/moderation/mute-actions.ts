import type { Author } from '../../core/messages.ts';
import {
  MUTE_MAX_SECONDS,
  MUTE_MIN_SECONDS,
  type Moderator,
  type ModerationPage,
  type Mute,
  type MuteRequest,
  type UnmuteResult,
} from '../../core/moderation.ts';
import type { AuthorDirectory } from '../lib/author-directory.ts';
import type { HandleLookup } from '../lib/handle-lookup.ts';
import { BadRequestError, NotFoundError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { MessageIdGenerator } from '../lib/message-id.ts';
import type { MetricsSink } from '../lib/metrics.ts';
import type { Unmuted } from '../lib/mute-item.ts';
import type { PageParams } from './filters.ts';
import { resolveAuthor } from './author-lookup.ts';
import { asAuthor, parseReason } from './moderation-actions.ts';
import { createReadMeter, type ModerationStore } from './moderation-store.ts';

const MAX_AUTHOR_LENGTH = 128;
const SUB = /^[\x21-\x7E]{1,128}$/;
const MUTE_CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[\x21-\x7E]{1,128}$/;

export interface MuteActionDeps {
  store: Pick<ModerationStore, 'putMute' | 'endMute' | 'activeMutes' | 'authorBySub' | 'putAudit'>;
  authors: Pick<AuthorDirectory, 'find' | 'record'>;
  handles: HandleLookup;
  logger: Logger;
  metrics: MetricsSink;
  clock: () => number;
  nextId: MessageIdGenerator;
}

/** `POST /moderation/mutes` body: `{ author, durationSeconds, reason }`, each checked. */
export function parseMuteRequest(body: unknown): MuteRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestError('Body must be a JSON object');
  const { author, durationSeconds } = body as Record<string, unknown>;
  const name = typeof author === 'string' ? author.trim() : '';
  if (name === '') throw new BadRequestError('author is required: an @handle, a display name or a sub');
  if (name.length > MAX_AUTHOR_LENGTH) throw new BadRequestError(`author must be at most ${MAX_AUTHOR_LENGTH} characters`);
  if (typeof durationSeconds !== 'number' || !Number.isInteger(durationSeconds) || durationSeconds < MUTE_MIN_SECONDS || durationSeconds > MUTE_MAX_SECONDS) {
    throw new BadRequestError(`durationSeconds must be a whole number from ${MUTE_MIN_SECONDS} (1 minute) to ${MUTE_MAX_SECONDS} (30 days)`);
  }
  return { author: name, durationSeconds, reason: parseReason(body, true)! };
}

/** The `{sub}` of `DELETE /moderation/mutes/{sub}`. */
export function parseMuteSub(path: Record<string, string | undefined> | undefined): string {
  const sub = path?.sub;
  if (sub === undefined || !SUB.test(sub)) throw new BadRequestError('Invalid sub');
  return sub;
}

/**
 * The one author a moderator's text names, as the author filter reads it (an @handle someone
 * holds names exactly them; else a display name or past handle through the `NAME#` directory, or
 * a `sub`), confirmed by one of their messages (`AUTHOR#<sub>`, Limit 1), which also gives their
 * names. A handle's holder or a directory match with no message (a moderator who never posted)
 * still counts. None: 404; several: 400, listing them by handle and sub.
 */
export async function resolveMuteTarget(deps: Pick<MuteActionDeps, 'store' | 'authors' | 'handles' | 'clock'>, typed: string): Promise<Author> {
  const { subs, named, handle } = await resolveAuthor(deps, typed);
  const found = await Promise.all(
    subs.map(async (sub) => (await deps.store.authorBySub(sub)) ?? (named.includes(sub) ? nameOnly(sub, handle, typed) : null)),
  );
  const authors = found.filter((author): author is Author => author !== null);
  if (authors.length === 0) throw new NotFoundError(`No author is named "${typed}" or has that sub`);
  if (authors.length > 1) {
    const listed = authors.map((author) => `${author.displayName}${author.handle === '' ? '' : ` @${author.handle}`} (${author.sub})`).join(', ');
    throw new BadRequestError(`"${typed}" names ${authors.length} authors: ${listed}; mute one by its @handle or sub`);
  }
  return authors[0]!;
}

/** An author known only by a name (no message of theirs stored): what the moderator typed, or the handle they hold. */
function nameOnly(sub: string, handle: string | undefined, typed: string): Author {
  return { sub, handle: handle ?? '', displayName: handle ?? typed, moderator: false };
}

/**
 * Mutes an author from now on: the mute item first, then its `user.muted` audit entry (the item
 * carries the entry's id). A running mute is replaced, so muting again sets a new end. Not
 * idempotent: a retried request mutes again from its own time and writes its own audit entry.
 */
export async function muteAuthor(deps: MuteActionDeps, request: MuteRequest, moderator: Moderator): Promise<Mute> {
  const user = await resolveMuteTarget(deps, request.author);
  if (user.sub === moderator.sub) throw new BadRequestError('You cannot mute yourself');
  const now = deps.clock();
  const at = new Date(now).toISOString();
  const mute: Mute = { user, until: new Date(now + request.durationSeconds * 1000).toISOString(), at, by: moderator, reason: request.reason };
  const auditId = deps.nextId(now);
  await deps.store.putMute(mute, auditId);
  await deps.store.putAudit({ id: auditId, at, action: 'user.muted', user, until: mute.until, moderator, reason: mute.reason });
  await deps.authors.record(asAuthor(moderator), at);
  deps.metrics.count('AuthorsMuted', 1);
  deps.logger.info('author muted', { mutedSub: user.sub, until: mute.until });
  return mute;
}

/**
 * Ends an author's running mute now. Idempotent: with no mute running, nothing changes; a retry
 * after a crash between the update and the audit put finds the unmute on the item and writes
 * that same entry, once.
 */
export async function unmuteAuthor(deps: MuteActionDeps, sub: string, reason: string | undefined, moderator: Moderator): Promise<UnmuteResult> {
  const now = deps.clock();
  const unmuted: Unmuted = { auditId: deps.nextId(now), at: new Date(now).toISOString(), by: moderator, ...(reason === undefined ? {} : { reason }) };
  const { changed, mute, last } = await deps.store.endMute(sub, unmuted);
  const recorded = changed ? unmuted : last;
  if (recorded && mute) {
    await deps.store.putAudit({
      id: recorded.auditId,
      at: recorded.at,
      action: 'user.unmuted',
      user: mute.user,
      moderator: recorded.by,
      ...(recorded.reason === undefined ? {} : { reason: recorded.reason }),
    });
  }
  if (changed) {
    await deps.authors.record(asAuthor(moderator), unmuted.at);
    deps.metrics.count('AuthorsUnmuted', 1);
  }
  deps.logger.info('author unmuted', { mutedSub: sub, changed });
  return { sub, changed };
}

/** `GET /moderation/mutes`: running mutes, ending soonest first (gsi1 `MUTES`). */
export async function listMutes(deps: Pick<MuteActionDeps, 'store' | 'clock'>, page: PageParams): Promise<ModerationPage<Mute>> {
  const after = page.cursor === undefined ? undefined : decodeMuteCursor(page.cursor);
  const result = await deps.store.activeMutes(new Date(deps.clock()).toISOString(), page.limit, after, createReadMeter());
  return { items: result.items, ...(result.continueAfter === undefined ? {} : { nextCursor: encodeMuteCursor(result.continueAfter) }) };
}

export function encodeMuteCursor(continueAfter: string): string {
  return Buffer.from(continueAfter, 'utf8').toString('base64url');
}

export function decodeMuteCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!MUTE_CURSOR.test(text)) throw new BadRequestError('Invalid cursor');
  return text;
}

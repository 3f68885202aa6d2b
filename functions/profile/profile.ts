import { randomBytes } from 'node:crypto';
import { MODERATORS_GROUP } from '../../core/author.ts';
import { checkProfileUpdate, type Profile, type ProfileUpdate } from '../../core/profile.ts';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { AwsRuntimeEnvSchema, readEnv } from '../lib/env.ts';
import { BadRequestError, ForbiddenError, NotFoundError } from '../lib/errors.ts';
import { type HttpHandler, httpHandler, type HttpEvent } from '../lib/http-handler.ts';
import { json, readJsonBody } from '../lib/http-response.ts';
import { readJwtCaller } from '../lib/jwt-claims.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { createMessageIdGenerator, type MessageIdGenerator } from '../lib/message-id.ts';
import { metricsFromEnv, type MetricsSink } from '../lib/metrics.ts';
import { createProfileStore, type ProfileStore, type StoredProfile } from '../lib/profile-store.ts';
import { DEFAULT_NAME_CHANGE_LIMIT, ProfileEnvSchema } from './env.ts';
import { parseRateLimit } from '../lib/rate-limiter.ts';
import { renameAuditItem } from './rename-audit.ts';
import { createMentionReader, type MentionReader, parseMentionsQuery } from './mention-reader.ts';

export type ProfileApi = HttpHandler;

export interface ProfileDeps {
  profiles: ProfileStore;
  /** `GET /me/mentions`: the caller's stored mentions. */
  mentions: MentionReader;
  /** Audit entry ids (time-ordered, as moderation's). */
  nextId: MessageIdGenerator;
  logger: Logger;
  metrics: MetricsSink;
  clock: () => number;
}

export function createProfileHandler(env: Record<string, string | undefined>): ProfileApi {
  const config = readEnv(ProfileEnvSchema, env);
  const client = createDocumentClient(readEnv(AwsRuntimeEnvSchema, env));
  return createProfileApi({
    profiles: createProfileStore(client, config.TABLE_NAME, { changeLimit: parseRateLimit(config.NAME_CHANGE_LIMIT ?? DEFAULT_NAME_CHANGE_LIMIT) }),
    mentions: createMentionReader(client, config.TABLE_NAME, Date.now),
    nextId: createMessageIdGenerator((length) => randomBytes(length)),
    logger: createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'profile', logLevel: config.POWERTOOLS_LOG_LEVEL }),
    metrics: metricsFromEnv(config, 'profile'),
    clock: Date.now,
  });
}

/**
 * `GET /me` and `PUT /me {displayName?, handle?}`: the caller's profile, and changing its names;
 * `GET /me/mentions?after=&limit=`: the caller's stored mentions (`MentionList`), oldest first.
 * The caller is the token's `sub`; `moderator` is the token's `moderators` group; neither comes
 * from the body. The profile exists from the first sign-in (the pre-token-generation trigger);
 * if not (a token from before profiles), it is created here, from the token's email if it has one.
 * A change answers 400 (malformed), 409 (taken, looks like another's, or reserved; `field` says
 * which), 429 (the sixth change in a day, with `Retry-After`), else 200 and the new profile, which
 * tokens carry from the next refresh on.
 */
export function createProfileApi(deps: ProfileDeps): ProfileApi {
  const { profiles, logger, metrics, clock } = deps;
  return httpHandler(deps, async (request) => {
    const caller = readJwtCaller(request);
    if (caller.sub === undefined) throw new ForbiddenError('A profile needs a signed-in member');
    logger.appendKeys({ callerSub: caller.sub });
    // Only ever the token's own list: the route takes no sub.
    if (request.routeKey === 'GET /me/mentions') return json(200, await deps.mentions.list(caller.sub, parseMentionsQuery(request.queryStringParameters)));
    const moderator = caller.groups.includes(MODERATORS_GROUP);
    if (request.routeKey !== 'GET /me' && request.routeKey !== 'PUT /me') throw new NotFoundError(`No route ${request.routeKey}`);
    // Read the body first: a malformed request costs no read.
    const update = request.routeKey === 'PUT /me' ? parseProfileUpdate(readJsonBody(request)) : undefined;
    const current = await profiles.ensure(caller.sub, emailClaim(request));
    if (update === undefined) return json(200, view(current, moderator));

    const now = clock();
    const at = new Date(now).toISOString();
    const { profile, previous } = await profiles.update(current, update, now, (names, next) =>
      renameAuditItem(deps.nextId(now), at, view(next, moderator), names),
    );
    if (previous) {
      metrics.count('ProfilesRenamed', 1);
      logger.info('profile renamed', { handleChanged: previous.handle !== profile.handle });
    }
    return json(200, view(profile, moderator));
  });
}

/** The body of `PUT /me`, NFC first (as every name), then core's check; a BadRequestError names the field. */
export function parseProfileUpdate(body: unknown): ProfileUpdate {
  const normalized =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === 'string' ? value.normalize('NFC') : value]))
      : body;
  const checked = checkProfileUpdate(normalized);
  if (!checked.ok) throw new BadRequestError(checked.error, checked.field === undefined ? undefined : { field: checked.field });
  return checked.value;
}

function view(profile: StoredProfile, moderator: boolean): Profile {
  return { sub: profile.sub, handle: profile.handle, displayName: profile.displayName, moderator } satisfies Profile;
}

function emailClaim(request: HttpEvent): string | undefined {
  const email = request.requestContext.authorizer?.jwt?.claims?.email;
  return typeof email === 'string' && email !== '' ? email : undefined;
}

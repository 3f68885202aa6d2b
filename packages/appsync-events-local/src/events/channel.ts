/**
 * AppSync Events channel paths: validation, normalisation and wildcard matching. Pure.
 *
 * A path is `/<namespace>/<seg>/…` with 1–5 segments, each 1–50 of `[A-Za-z0-9-]` not starting
 * or ending with `-`. Leading and trailing slashes are optional on the wire; every path here is
 * normalised to the leading-slash form (`default/x` → `/default/x`).
 */

const SEGMENT = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?$/;
export const MAX_CHANNEL_SEGMENTS = 5;
const WILDCARD = '*';

/** A concrete channel: where events are published. */
export interface Channel {
  /** Normalised, e.g. `/chat/rooms/r1`. */
  path: string;
  segments: string[];
  namespace: string;
}

/** What a subscription listens to: a concrete channel, or `/<prefix>/*`. */
export interface ChannelPattern extends Channel {
  /** True for `/<prefix>/*`; `path` then ends in `/*` and `segments` in `'*'`. */
  wildcard: boolean;
  /** The concrete part: the whole path, or the path without its trailing `/*`. */
  prefix: string;
}

export type ChannelResult<T> = { ok: true; channel: T } | { ok: false; message: string };

/** Validates a channel to publish to; wildcards are refused. */
export function parsePublishChannel(raw: unknown): ChannelResult<Channel> {
  const parsed = parseSegments(raw, false);
  if (!parsed.ok) return parsed;
  const { path, segments, namespace } = parsed.channel;
  return { ok: true, channel: { path, segments, namespace } };
}

/** Validates a channel to subscribe to; `*` is allowed as the whole last segment (not `/*` alone). */
export function parseSubscribeChannel(raw: unknown): ChannelResult<ChannelPattern> {
  return parseSegments(raw, true);
}

/**
 * Whether an event published on concrete `path` reaches a subscription to `pattern`. A wildcard
 * stands for one or more segments, so `/ns/a/*` matches `/ns/a/b` and `/ns/a/b/c`, not `/ns/a`.
 */
export function channelMatches(pattern: ChannelPattern, path: string): boolean {
  return pattern.wildcard ? path.startsWith(`${pattern.prefix}/`) : pattern.path === path;
}

/** Every wildcard prefix that covers `path`: `/a/b/c` → `['/a', '/a/b']` (strict ancestors). */
export function wildcardPrefixesOf(path: string): string[] {
  const segments = path.split('/').slice(1);
  return segments.slice(0, -1).map((_, i) => `/${segments.slice(0, i + 1).join('/')}`);
}

function parseSegments(raw: unknown, allowWildcard: boolean): ChannelResult<ChannelPattern> {
  if (typeof raw !== 'string' || raw.length === 0) {
    return { ok: false, message: 'Channel must be a non-empty string' };
  }
  const trimmed = raw.replace(/^\//, '').replace(/\/$/, '');
  const segments = trimmed.split('/');
  const wildcard = allowWildcard && segments.length > 1 && segments[segments.length - 1] === WILDCARD;
  const concrete = wildcard ? segments.slice(0, -1) : segments;
  if (segments.length > MAX_CHANNEL_SEGMENTS) {
    return { ok: false, message: `Invalid channel '${raw}': at most ${MAX_CHANNEL_SEGMENTS} segments` };
  }
  const bad = concrete.find((segment) => !SEGMENT.test(segment));
  if (bad !== undefined) {
    const reason = bad.includes(WILDCARD) ? 'a wildcard is only allowed as the whole last segment of a subscription' : `bad segment '${bad}'`;
    return { ok: false, message: `Invalid channel '${raw}': ${reason}` };
  }
  const prefix = `/${concrete.join('/')}`;
  return {
    ok: true,
    channel: {
      path: wildcard ? `${prefix}/${WILDCARD}` : prefix,
      segments,
      namespace: segments[0] as string,
      wildcard,
      prefix,
    },
  };
}

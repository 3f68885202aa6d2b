import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { profileFromClaims } from '../../core/author.ts';
import type { Profile } from '../../core/profile.ts';

/** The caller as the HTTP API's Cognito JWT authorizer describes them. */
export interface JwtCaller {
  sub: string | undefined;
  groups: string[];
  /**
   * The caller's profile from the access token's `parley:` claims (core/author.ts), or null when
   * the token carries none (issued before the pre-token-generation trigger set them).
   */
  profile: Profile | null;
}

type Claims = Record<string, string | number | boolean | string[]>;

/**
 * Reads the verified claims. API Gateway hands them over as strings and flattens arrays into
 * `"[a b]"`; locally (or if AWS ever changes that) they may be real arrays, so accept both.
 */
export function readJwtCaller(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>): JwtCaller {
  const claims: Claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  const sub = stringClaim(claims.sub);
  const groups = listClaim(claims['cognito:groups']);
  return { sub, groups, profile: profileFromClaims(sub, claims, groups) };
}

/** `"[a b]"`, `"a"`, `["a","b"]` or `'["a","b"]'` → `["a","b"]`. */
export function listClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value.trim() === '') return [];
  const text = value.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1).trim();
    if (inner.startsWith('"')) return parseJsonList(text);
    return inner === '' ? [] : inner.split(/[\s,]+/).filter(Boolean);
  }
  return [text];
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function parseJsonList(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

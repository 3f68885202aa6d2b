import { get, put } from '@aws-amplify/api-rest';
import { checkMentionList, type MentionList } from '../../core/mention-list.ts';
import { checkProfile, checkProfileRefusal, type Profile, type ProfileField, type ProfileUpdate } from '../../core/profile.ts';
import { retryAtFrom } from '../lib/retry-after.ts';
import type { AuthService } from './auth.ts';
import { accept, REST_API_NAME } from './history.ts';

/** The statuses with which `PUT /me` refuses a change: malformed (400), taken or imitating (409), too many changes (429). */
const REFUSAL_STATUSES = [400, 409, 429];

/** A change `PUT /me` refused, in the server's words, with the field it is about when it is about one. */
export interface ProfileRefusalError {
  status: number;
  message: string;
  field?: ProfileField;
  /** For 429: when a change can succeed again (ISO 8601), from `Retry-After`, when the answer shows it. */
  retryAt?: string;
}

export type ProfileUpdateResult = { ok: true; profile: Profile } | { ok: false; error: ProfileRefusalError };

/**
 * The profile HTTP API (`GET /me`, `PUT /me`, `GET /me/mentions`), non-reactive. A refused change is a result, since
 * the form shows it; anything else that fails (network, 401, 5xx, an answer off the contract) throws.
 */
export interface ProfileService {
  getMe(): Promise<Profile>;
  updateMe(update: ProfileUpdate): Promise<ProfileUpdateResult>;
  /** `GET /me/mentions`: one page of the reader's stored mentions stored after `after` (a position, or a message id), in the order stored. */
  getMyMentions(after?: string): Promise<MentionList>;
}

/**
 * The refusal a failed Amplify REST call carries (its `response`: status, lower-cased headers and
 * the body as text), or null when it is no refusal of the profile API's.
 */
export function refusalOf(cause: unknown, nowMs: number): ProfileRefusalError | null {
  if (typeof cause !== 'object' || cause === null) return null;
  const response = (cause as { response?: { statusCode?: unknown; headers?: Record<string, string>; body?: unknown } }).response;
  const status = response?.statusCode;
  if (typeof status !== 'number' || !REFUSAL_STATUSES.includes(status) || typeof response?.body !== 'string') return null;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return null;
  }
  const refusal = checkProfileRefusal(body);
  if (!refusal.ok) return null;
  const retryAt = status === 429 ? retryAtFrom(response.headers?.['retry-after'], nowMs) : undefined;
  return { status, ...refusal.value, ...(retryAt === undefined ? {} : { retryAt }) };
}

export function createProfileService(auth: AuthService): ProfileService {
  // As in the history service: the user pool token is the authorization, no IAM lookup.
  async function options() {
    return { headers: { Authorization: `Bearer ${await auth.accessToken()}` }, defaultAuthMode: 'none' as const };
  }
  return {
    async getMe() {
      const { body } = await get({ apiName: REST_API_NAME, path: '/me', options: await options() }).response;
      return accept('GET /me', checkProfile(await body.json()));
    },
    async getMyMentions(after) {
      const queryParams = after === undefined ? undefined : { after };
      const { body } = await get({ apiName: REST_API_NAME, path: '/me/mentions', options: { ...(await options()), ...(queryParams ? { queryParams } : {}) } }).response;
      return accept('GET /me/mentions', checkMentionList(await body.json()));
    },
    async updateMe(update) {
      try {
        const { body } = await put({ apiName: REST_API_NAME, path: '/me', options: { ...(await options()), body: { ...update } } }).response;
        return { ok: true, profile: accept('PUT /me', checkProfile(await body.json())) };
      } catch (cause) {
        const refusal = refusalOf(cause, Date.now());
        if (refusal === null) throw cause;
        return { ok: false, error: refusal };
      }
    },
  };
}

import { isValidRoomId } from '../../core/channels.ts';
import { checkMessagePage, type MessagePage, roomMessagesPath } from '../../core/history-api.ts';
import { PAGE_SIZE } from '../../core/limits.ts';
import { type AmplifyOutputs, HTTP_API_NAME } from '../../core/outputs.ts';

/**
 * A deep link's first request, sent by the start-up code before the app's own code has even
 * loaded: opening `/rooms/<id>` cold, the newest page of that room is what the user waits for, and
 * the app's code (aws-amplify, Vue, the stores) takes longer to load than the request takes to
 * answer. The room store's first request for that page then adopts this answer instead of asking
 * again. It is only a head start: without a usable stored token, or if it fails, nothing is sent
 * or the app asks as usual. Free of aws-amplify, so the start-up code stays small.
 */
export interface FirstPage {
  roomId: string;
  limit: number;
  /** The parsed answer of a 2xx response; rejects otherwise. */
  answer: Promise<unknown>;
}

/** Where Amplify keeps the signed-in user's tokens: `<prefix>.<client id>.LastAuthUser`, then `<prefix>.<client id>.<user>.accessToken`. */
const TOKEN_KEY_PREFIX = 'CognitoIdentityServiceProvider';

/** A token that ends sooner than this is left to Amplify, which refreshes it first. */
const TOKEN_MARGIN_MS = 60_000;

function tokenExpiry(token: string): number | null {
  try {
    const payload: unknown = JSON.parse(atob(token.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/') ?? ''));
    const exp = (payload as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** The access token Amplify stored for the last user signed in to `clientId`, while it stays good for a minute more. */
export function storedAccessToken(storage: Pick<Storage, 'getItem'>, clientId: string, nowMs: number): string | null {
  const user = storage.getItem(`${TOKEN_KEY_PREFIX}.${clientId}.LastAuthUser`);
  const token = user ? storage.getItem(`${TOKEN_KEY_PREFIX}.${clientId}.${user}.accessToken`) : null;
  const expiry = token ? tokenExpiry(token) : null;
  return token && expiry !== null && expiry - nowMs > TOKEN_MARGIN_MS ? token : null;
}

/** The room of a `/rooms/<id>` path (the router's room route), or null. */
export function roomOfPath(path: string): string | null {
  const parts = path.split('/');
  const roomId = parts.length === 3 && parts[0] === '' && parts[1] === 'rooms' ? parts[2] : undefined;
  return isValidRoomId(roomId) ? roomId : null;
}

export interface FirstPageOptions {
  path: string;
  outputs: AmplifyOutputs;
  storage: Pick<Storage, 'getItem'>;
  fetch: typeof fetch;
  nowMs: number;
}

/** Requests the newest page of the room a deep link opens, when there is one and a stored token to ask with. */
export function fetchFirstPage(options: FirstPageOptions): FirstPage | null {
  const roomId = roomOfPath(options.path);
  const endpoint = options.outputs.custom.API[HTTP_API_NAME]?.endpoint;
  const token = roomId && endpoint ? storedAccessToken(options.storage, options.outputs.auth.user_pool_client_id, options.nowMs) : null;
  if (!roomId || !endpoint || !token) return null;
  const url = `${endpoint.replace(/\/$/, '')}${roomMessagesPath(roomId)}?limit=${PAGE_SIZE}`;
  const answer = options
    .fetch(url, { headers: { Authorization: `Bearer ${token}` } })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))));
  // Adopted by the room, or dropped: either way a failure here is not an error of its own.
  answer.catch(() => undefined);
  return { roomId, limit: PAGE_SIZE, answer };
}

/**
 * The newest page of `roomId` from `first`, if that is what it holds and it arrived well-formed;
 * otherwise null, and the caller asks as usual.
 */
export async function adoptFirstPage(first: FirstPage, roomId: string, limit: number): Promise<MessagePage | null> {
  if (first.roomId !== roomId || first.limit !== limit) return null;
  try {
    const checked = checkMessagePage(await first.answer, roomId);
    return checked.ok ? checked.value : null;
  } catch {
    return null;
  }
}

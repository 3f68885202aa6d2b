import { get, post } from 'aws-amplify/api';
import {
  type Checked,
  checkGapFillPage,
  checkMessagePage,
  checkRoom,
  checkRoomList,
  type GapFillPage,
  type MessagePage,
  type Room,
} from '../../core/history-api.ts';
import type { AuthService } from './auth.ts';

export type { GapFillPage, MessagePage, Room };

/** The HTTP API's name in the outputs (`custom.API`). */
export const REST_API_NAME = 'parley';

/** The history HTTP API, non-reactive. Failures throw (Amplify's `ApiError` carries the status). */
export interface HistoryService {
  listRooms(): Promise<Room[]>;
  createRoom(name: string): Promise<Room>;
  /** Newest first: the newest page, or the page before `before` (a `nextCursor`). */
  olderMessages(roomId: string, options: { limit: number; before?: string }): Promise<MessagePage>;
  /** Oldest first: what was stored after the message id `after`; `nextCursor` is the next `after`. */
  messagesAfter(roomId: string, options: { limit: number; after: string }): Promise<GapFillPage>;
}

/** An answer that does not match the API's contract: a server bug or a proxy in the way, never shown as data. */
export class UnexpectedAnswerError extends Error {
  constructor(request: string, problem: string) {
    super(`Unexpected answer to ${request}: ${problem}`);
    this.name = 'UnexpectedAnswerError';
  }
}

/** The checked value, or an `UnexpectedAnswerError` naming the request and the problem. */
export function accept<T>(request: string, checked: Checked<T>): T {
  if (!checked.ok) throw new UnexpectedAnswerError(request, checked.error);
  return checked.value;
}

export function createHistoryService(auth: AuthService): HistoryService {
  // The user pool token is the authorization: `defaultAuthMode: 'none'` spares Amplify a second
  // session lookup per request for IAM credentials it would not use.
  async function options() {
    return { headers: { Authorization: `Bearer ${await auth.accessToken()}` }, defaultAuthMode: 'none' as const };
  }
  async function read(path: string, queryParams?: Record<string, string>): Promise<unknown> {
    const { body } = await get({ apiName: REST_API_NAME, path, options: { ...(await options()), queryParams } }).response;
    return body.json();
  }
  const messagesPath = (roomId: string) => `/rooms/${encodeURIComponent(roomId)}/messages`;
  return {
    async listRooms() {
      return accept('GET /rooms', checkRoomList(await read('/rooms'))).items;
    },
    async createRoom(name) {
      const { body } = await post({ apiName: REST_API_NAME, path: '/rooms', options: { ...(await options()), body: { name } } })
        .response;
      return accept('POST /rooms', checkRoom(await body.json()));
    },
    async olderMessages(roomId, { limit, before }) {
      const answer = await read(messagesPath(roomId), { limit: String(limit), ...(before ? { before } : {}) });
      return accept(`GET ${messagesPath(roomId)}`, checkMessagePage(answer, roomId));
    },
    async messagesAfter(roomId, { limit, after }) {
      const answer = await read(messagesPath(roomId), { limit: String(limit), after });
      return accept(`GET ${messagesPath(roomId)}?after`, checkGapFillPage(answer, roomId));
    },
  };
}

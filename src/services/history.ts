import { get, post } from '@aws-amplify/api-rest';
import {
  type Checked,
  checkGapFillPage,
  checkMessagePage,
  checkRoom,
  checkRoomList,
  type GapFillPage,
  type MessagePage,
  type Room,
  type RoomList,
  roomMessagesPath,
  roomPath,
} from '../../core/history-api.ts';
import { HTTP_API_NAME } from '../../core/outputs.ts';
import { checkMessageReactions, type MessageReactions, messageReactionsPath } from '../../core/reactions.ts';
import type { AuthService } from './auth.ts';
import { adoptFirstPage, type FirstPage } from './first-page.ts';

export type { GapFillPage, MessagePage, Room, RoomList };

/**
 * The HTTP API's name in the outputs (`custom.API`), as Amplify's REST calls name it. The services
 * import those calls from `@aws-amplify/api-rest` (pinned to the version `aws-amplify` itself
 * depends on), not `aws-amplify/api`: that entry also re-exports the Event API client, which
 * would then load with the app instead of on first use (`events.ts`).
 */
export const REST_API_NAME = HTTP_API_NAME;

/** The history HTTP API, non-reactive. Failures throw (Amplify's `ApiError` carries the status). */
export interface HistoryService {
  /** A page of rooms in id order: the first, or the one after `cursor` (a `nextCursor`). */
  listRooms(cursor?: string): Promise<RoomList>;
  /**
   * `POST /rooms`: the room created (`created: true`), or for a public room the existing room the
   * name (or a name that looks like it) belongs to, unchanged. A private room is always new.
   */
  createRoom(name: string, kind?: 'public' | 'private'): Promise<{ room: Room; created: boolean }>;
  /** `GET /rooms/{roomId}`: one room, archived or not (the list leaves archived rooms out). */
  getRoom(roomId: string): Promise<Room>;
  /** Newest first: the newest page, or the page before `before` (a `nextCursor`). */
  olderMessages(roomId: string, options: { limit: number; before?: string }): Promise<MessagePage>;
  /**
   * Oldest first: what was stored after the message id `after`; `nextCursor` is the next `after`.
   * With `changesFrom` (the oldest message held), the changes of the messages held come too.
   */
  messagesAfter(roomId: string, options: { limit: number; after: string; changesFrom?: string }): Promise<GapFillPage>;
  /** Who reacted to a message, per emoji (members of the room only). */
  whoReacted(roomId: string, messageId: string): Promise<MessageReactions>;
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

/**
 * The aws-amplify adapter. `firstPage`, a deep link's head start (`first-page.ts`), answers the
 * first request for a newest page if it is for that room; it is used once or dropped.
 */
export function createHistoryService(auth: AuthService, firstPage: FirstPage | null = null): HistoryService {
  let headStart = firstPage;
  // The user pool token is the authorization: `defaultAuthMode: 'none'` spares Amplify a second
  // session lookup per request for IAM credentials it would not use.
  async function options() {
    return { headers: { Authorization: `Bearer ${await auth.accessToken()}` }, defaultAuthMode: 'none' as const };
  }
  async function read(path: string, queryParams?: Record<string, string>): Promise<unknown> {
    const { body } = await get({ apiName: REST_API_NAME, path, options: { ...(await options()), queryParams } }).response;
    return body.json();
  }
  // Encoded: a room id typed into the address bar may hold anything; a valid one is unchanged.
  const messagesPath = (roomId: string) => roomMessagesPath(encodeURIComponent(roomId));
  return {
    async listRooms(cursor) {
      return accept('GET /rooms', checkRoomList(await read('/rooms', cursor === undefined ? undefined : { cursor })));
    },
    async createRoom(name, kind = 'public') {
      const { body, statusCode } = await post({ apiName: REST_API_NAME, path: '/rooms', options: { ...(await options()), body: kind === 'private' ? { name, kind } : { name } } })
        .response;
      return { room: accept('POST /rooms', checkRoom(await body.json())), created: statusCode === 201 };
    },
    async getRoom(roomId) {
      const path = roomPath(encodeURIComponent(roomId));
      return accept(`GET ${path}`, checkRoom(await read(path)));
    },
    async olderMessages(roomId, { limit, before }) {
      const first = before === undefined ? headStart : null;
      headStart = null;
      const adopted = first && (await adoptFirstPage(first, roomId, limit));
      if (adopted) return adopted;
      const answer = await read(messagesPath(roomId), { limit: String(limit), ...(before ? { before } : {}) });
      return accept(`GET ${messagesPath(roomId)}`, checkMessagePage(answer, roomId));
    },
    async messagesAfter(roomId, { limit, after, changesFrom }) {
      const answer = await read(messagesPath(roomId), { limit: String(limit), after, ...(changesFrom === undefined ? {} : { changesFrom }) });
      return accept(`GET ${messagesPath(roomId)}?after`, checkGapFillPage(answer, roomId));
    },
    async whoReacted(roomId, messageId) {
      const path = messageReactionsPath(encodeURIComponent(roomId), encodeURIComponent(messageId));
      return accept(`GET ${path}`, checkMessageReactions(await read(path)));
    },
  };
}

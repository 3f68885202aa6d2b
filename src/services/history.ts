import { get, post } from 'aws-amplify/api';
import type { HistoryItem } from '../../core/messages.ts';
import type { AuthService } from './auth.ts';

/** The HTTP API's name in the outputs (`custom.API`). */
export const REST_API_NAME = 'parley';

export interface Room {
  id: string;
  name: string;
  /** ISO time of the newest stored message; null until the first one. */
  lastMessageAt: string | null;
}

export interface MessagePage {
  /** Messages, and placeholders for ones a moderator removed. */
  items: HistoryItem[];
  nextCursor?: string;
  /**
   * Gap fill (`after=`) only: the current state of older messages a moderator removed or
   * restored after `after` (a placeholder, or the restored message). Absent when there is none.
   */
  updates?: HistoryItem[];
  /** Gap fill only: too many messages were moderated to list; reload the room instead. */
  updatesTruncated?: boolean;
}

/** The history HTTP API, non-reactive. Failures throw (Amplify's `ApiError` carries the status). */
export interface HistoryService {
  listRooms(): Promise<Room[]>;
  createRoom(name: string): Promise<Room>;
  /** Newest first: the newest page, or the page before `before` (a `nextCursor`). */
  olderMessages(roomId: string, options: { limit: number; before?: string }): Promise<MessagePage>;
  /** Oldest first: what was stored after the message id `after`; `nextCursor` is the next `after`. */
  messagesAfter(roomId: string, options: { limit: number; after: string }): Promise<MessagePage>;
}

export function createHistoryService(auth: AuthService): HistoryService {
  // The user pool token is the authorization: `defaultAuthMode: 'none'` spares Amplify a second
  // session lookup per request for IAM credentials it would not use.
  async function options() {
    return { headers: { Authorization: `Bearer ${await auth.accessToken()}` }, defaultAuthMode: 'none' as const };
  }
  async function read<T>(path: string, queryParams?: Record<string, string>): Promise<T> {
    const { body } = await get({ apiName: REST_API_NAME, path, options: { ...(await options()), queryParams } }).response;
    return (await body.json()) as T;
  }
  return {
    async listRooms() {
      return (await read<{ items: Room[] }>('/rooms')).items;
    },
    async createRoom(name) {
      const { body } = await post({ apiName: REST_API_NAME, path: '/rooms', options: { ...(await options()), body: { name } } })
        .response;
      return (await body.json()) as unknown as Room;
    },
    olderMessages(roomId, { limit, before }) {
      return read<MessagePage>(`/rooms/${encodeURIComponent(roomId)}/messages`, {
        limit: String(limit),
        ...(before ? { before } : {}),
      });
    },
    messagesAfter(roomId, { limit, after }) {
      return read<MessagePage>(`/rooms/${encodeURIComponent(roomId)}/messages`, { limit: String(limit), after });
    },
  };
}

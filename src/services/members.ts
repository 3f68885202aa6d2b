import { del, get, post } from '@aws-amplify/api-rest';
import { checkMemberList, checkRoom, DMS_PATH, type MemberList, type Room, roomMembersPath } from '../../core/history-api.ts';
import type { AuthService } from './auth.ts';
import { checkPeopleList, PEOPLE_PATH, type PeopleList } from '../../core/people.ts';
import { accept, REST_API_NAME } from './history.ts';

/**
 * The members of private rooms and the DMs (`GET`/`POST /rooms/{roomId}/members`,
 * `DELETE /rooms/{roomId}/members/{sub}`, `POST /dms`) and the people search (`GET /people`), non-reactive. Failures throw (Amplify's
 * `ApiError` carries the status and the server's message, or an answer off the contract).
 */
export interface MembersService {
  /** Every member, oldest first (members only: anyone else gets 404). */
  list(roomId: string): Promise<MemberList>;
  /** Adds the account holding `handle`; a member already is left as they are. */
  invite(roomId: string, handle: string): Promise<void>;
  /** Removes `sub` (the owner or a moderator), or leaves when `sub` is the caller's. */
  remove(roomId: string, sub: string): Promise<void>;
  /** The DM of the caller and `handle`'s account, created on first use; answers it with its `peer`. */
  openDm(handle: string): Promise<Room>;
  /** Up to 10 people whose handle starts with `prefix` (as `checkPeopleQuery` reads it), never the caller. */
  searchPeople(prefix: string): Promise<PeopleList>;
}

export function createMembersService(auth: AuthService): MembersService {
  // As in the history service: the user pool token is the authorization, no IAM lookup.
  async function options() {
    return { headers: { Authorization: `Bearer ${await auth.accessToken()}` }, defaultAuthMode: 'none' as const };
  }
  const membersPath = (roomId: string) => roomMembersPath(encodeURIComponent(roomId));
  return {
    async list(roomId) {
      const { body } = await get({ apiName: REST_API_NAME, path: membersPath(roomId), options: await options() }).response;
      return accept(`GET ${membersPath(roomId)}`, checkMemberList(await body.json()));
    },
    async invite(roomId, handle) {
      await post({ apiName: REST_API_NAME, path: membersPath(roomId), options: { ...(await options()), body: { handle } } }).response;
    },
    async remove(roomId, sub) {
      await del({ apiName: REST_API_NAME, path: `${membersPath(roomId)}/${encodeURIComponent(sub)}`, options: await options() }).response;
    },
    async openDm(handle) {
      const { body } = await post({ apiName: REST_API_NAME, path: DMS_PATH, options: { ...(await options()), body: { handle } } }).response;
      return accept(`POST ${DMS_PATH}`, checkRoom(await body.json()));
    },
    async searchPeople(prefix) {
      const { body } = await get({ apiName: REST_API_NAME, path: PEOPLE_PATH, options: { ...(await options()), queryParams: { q: prefix } } }).response;
      return accept(`GET ${PEOPLE_PATH}`, checkPeopleList(await body.json()));
    },
  };
}

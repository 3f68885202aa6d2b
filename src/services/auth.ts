import { fetchAuthSession, getCurrentUser, signOut } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { DISPLAY_NAME_CLAIM, HANDLE_CLAIM } from '../../core/profile.ts';

/** The Cognito group whose members may open the moderation console. */
export const MODERATORS_GROUP = 'moderators';

export interface SessionUser {
  sub: string;
  username: string;
  displayName: string;
  /** The access token's `HANDLE_CLAIM`; empty if the token carries none. */
  handle: string;
  groups: string[];
}

/** Cognito, non-reactive. */
export interface AuthService {
  /** The signed-in user, or null. */
  currentUser(): Promise<SessionUser | null>;
  /** A current access token (refreshed by Amplify when needed). */
  accessToken(): Promise<string>;
  /** New tokens now rather than at expiry: claims the server changed (a new name) reach the next request. */
  refreshSession(): Promise<void>;
  onAuthChange(listener: () => void): () => void;
  signOut(): Promise<void>;
}

function stringClaim(payload: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = payload?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function createAuthService(): AuthService {
  return {
    async currentUser() {
      try {
        const user = await getCurrentUser();
        const { tokens } = await fetchAuthSession();
        const access = tokens?.accessToken.payload as Record<string, unknown> | undefined;
        const id = tokens?.idToken?.payload as Record<string, unknown> | undefined;
        const groups = access?.['cognito:groups'];
        const username = user.signInDetails?.loginId ?? user.username;
        return {
          sub: user.userId,
          username,
          displayName: stringClaim(access, DISPLAY_NAME_CLAIM) ?? stringClaim(id, 'preferred_username') ?? stringClaim(id, 'name') ?? username,
          handle: stringClaim(access, HANDLE_CLAIM) ?? '',
          groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
        };
      } catch {
        return null;
      }
    },
    async accessToken() {
      const token = (await fetchAuthSession()).tokens?.accessToken.toString();
      if (!token) throw new Error('Not signed in');
      return token;
    },
    async refreshSession() {
      await fetchAuthSession({ forceRefresh: true });
    },
    onAuthChange(listener) {
      return Hub.listen('auth', () => listener());
    },
    signOut: () => signOut(),
  };
}

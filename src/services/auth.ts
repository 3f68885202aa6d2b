import { fetchAuthSession, type AuthSession, signOut } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import { profileFromClaims } from '../../core/author.ts';
import type { Profile } from '../../core/profile.ts';

/**
 * Who is signed in, as others see them: the profile in the access token's claims (the same the
 * handlers stamp on messages), `moderator` from its groups. Never a Cognito attribute.
 */
export type SessionUser = Profile;

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

/** The access token's profile, read by the one check every runtime uses (core/author.ts); null without one. */
function userOf(session: AuthSession): SessionUser | null {
  const claims = session.tokens?.accessToken.payload;
  return claims === undefined ? null : profileFromClaims(claims.sub, claims, claims['cognito:groups']);
}

export function createAuthService(): AuthService {
  return {
    async currentUser() {
      try {
        const session = await fetchAuthSession();
        if (session.tokens === undefined) return null;
        // A token issued before its profile claims existed: the refreshed one carries them.
        return userOf(session) ?? userOf(await fetchAuthSession({ forceRefresh: true }));
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

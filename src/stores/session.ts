import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Profile } from '../../core/profile.ts';
import type { SessionUser } from '../services/auth.ts';
import { useServices } from '../services/services.ts';

export type SessionStatus = 'unknown' | 'signed-out' | 'signed-in';

/** Who is signed in, kept current from the auth Hub. */
export const useSessionStore = defineStore('session', () => {
  const { auth, events } = useServices();
  const user = ref<SessionUser | null>(null);
  const status = ref<SessionStatus>('unknown');
  const isModerator = computed(() => user.value?.moderator ?? false);
  let first: Promise<void> | null = null;

  async function refresh(): Promise<void> {
    user.value = await auth.currentUser();
    status.value = user.value ? 'signed-in' : 'signed-out';
  }

  /** Resolves once the first check is done; starts listening to sign-in and sign-out. */
  function ready(): Promise<void> {
    if (!first) {
      auth.onAuthChange(() => void refresh());
      first = refresh();
    }
    return first;
  }

  /** A saved profile shows at once; the refreshed token says the same from then on. */
  function adoptProfile(profile: Profile): void {
    if (user.value?.sub !== profile.sub) return;
    user.value = { ...user.value, displayName: profile.displayName, handle: profile.handle };
  }

  /** The only place that closes every socket: after it, the page must reload to connect again. */
  async function signOut(): Promise<void> {
    await events.closeAll();
    await auth.signOut();
    user.value = null;
    status.value = 'signed-out';
  }

  return { user, status, isModerator, ready, refresh, adoptProfile, signOut };
});

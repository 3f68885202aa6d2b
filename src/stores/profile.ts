import { defineStore } from 'pinia';
import { ref } from 'vue';
import { checkProfileUpdate, type Profile, type ProfileUpdate } from '../../core/profile.ts';
import { describeError } from '../services/errors.ts';
import type { ProfileRefusalError } from '../services/profile.ts';
import { useServices } from '../services/services.ts';
import { useSessionStore } from './session.ts';

export type ProfileStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Why a save did not happen, where the form shows it. */
export interface ProfileErrors {
  displayName?: string;
  handle?: string;
  /** A reason about neither field, or a failure that is no refusal (network, server). */
  form?: string;
  /** The day's name changes are used up (429): the server's words and, when known, when to try again (ISO 8601). */
  limit?: { message: string; retryAt?: string };
}

/** `refreshed`: the session's token now carries the new name (else it does from the next regular refresh). */
export type SaveOutcome = { ok: true; profile: Profile; refreshed: boolean } | { ok: false; errors: ProfileErrors };

function errorsOf(refusal: ProfileRefusalError): ProfileErrors {
  if (refusal.status === 429) return { limit: { message: refusal.message, ...(refusal.retryAt ? { retryAt: refusal.retryAt } : {}) } };
  return refusal.field ? { [refusal.field]: refusal.message } : { form: refusal.message };
}

/** NFC at the edge, as for every name (core/names.ts); the server sanitizes and decides. */
function normalized(update: ProfileUpdate): ProfileUpdate {
  return {
    ...(update.displayName === undefined ? {} : { displayName: update.displayName.normalize('NFC') }),
    ...(update.handle === undefined ? {} : { handle: update.handle.normalize('NFC') }),
  };
}

/** The signed-in member's profile (`GET /me`) and changing it (`PUT /me`). Nothing here throws. */
export const useProfileStore = defineStore('profile', () => {
  const { auth, profile: service } = useServices();
  const session = useSessionStore();
  const status = ref<ProfileStatus>('idle');
  const profile = ref<Profile | null>(null);
  const error = ref('');

  async function load(): Promise<void> {
    status.value = 'loading';
    try {
      profile.value = await service.getMe();
      status.value = 'ready';
    } catch (cause) {
      error.value = describeError(cause);
      status.value = 'error';
    }
  }

  /** The token a message is published with carries the name: refreshed now, the next message has the new one. */
  async function refreshToken(): Promise<boolean> {
    try {
      await auth.refreshSession();
      return true;
    } catch {
      return false;
    }
  }

  /** Checks the change as the server will (a malformed one is never sent), then sends it. */
  async function save(update: ProfileUpdate): Promise<SaveOutcome> {
    const checked = checkProfileUpdate(normalized(update));
    if (!checked.ok) return { ok: false, errors: checked.field ? { [checked.field]: checked.error } : { form: checked.error } };
    try {
      const result = await service.updateMe(checked.value);
      if (!result.ok) return { ok: false, errors: errorsOf(result.error) };
      profile.value = result.profile;
      status.value = 'ready';
      session.adoptProfile(result.profile);
      return { ok: true, profile: result.profile, refreshed: await refreshToken() };
    } catch (cause) {
      return { ok: false, errors: { form: describeError(cause) } };
    }
  }

  return { status, profile, error, load, save };
});

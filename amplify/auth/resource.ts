import { defineAuth } from '@aws-amplify/backend';
import { userGroups } from '../definition.ts';

/**
 * Email sign-in and the `moderators` group (its members reach the moderation API; the API checks
 * the token's `cognito:groups`). Sign-up asks for the email and a password only: the names shown
 * in chat live in server-owned profiles (`GET`/`PUT /me`), which the pre-token-generation trigger
 * puts into tokens, and the app's client may write no attribute but the email (amplify/backend.ts).
 */
export const auth = defineAuth({
  loginWith: { email: true },
  groups: [...userGroups],
});

import { defineAuth } from '@aws-amplify/backend';
import { userGroups } from '../definition.ts';

/**
 * Email sign-in, a display name (`preferred_username`) shown in chat, and the `moderators` group
 * (its members reach the moderation API; the API checks the token's `cognito:groups`).
 */
export const auth = defineAuth({
  loginWith: { email: true },
  userAttributes: {
    preferredUsername: { required: true, mutable: true },
  },
  groups: [...userGroups],
});

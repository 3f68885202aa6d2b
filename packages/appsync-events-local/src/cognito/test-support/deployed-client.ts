/** An app client as Amplify's `defineAuth` deploys it, for tests that start the user pool without a template. */
import type { AppClientSettings } from '../app-client-settings.ts';

/** SRP, custom auth and refresh: no plain password sign-in. */
export const clientAuthFlows: readonly string[] = ['ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
/** Users may write their email only. */
export const clientWritableAttributes: readonly string[] = ['email'];
/** Cognito's default access and ID token validity. */
export const TOKEN_VALIDITY_MINUTES = 60;

export const deployedClient: AppClientSettings = {
  authFlows: clientAuthFlows,
  writeAttributes: clientWritableAttributes,
  tokenValidityMinutes: TOKEN_VALIDITY_MINUTES,
};

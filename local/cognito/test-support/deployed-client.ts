/** The deployed app client's settings, for tests that start the user pool without a template. */
import { clientAuthFlows, clientWritableAttributes, TOKEN_VALIDITY_MINUTES } from '../../../amplify/definition.ts';
import type { AppClientSettings } from '../app-client-settings.ts';

export const deployedClient: AppClientSettings = {
  authFlows: clientAuthFlows,
  writeAttributes: clientWritableAttributes,
  tokenValidityMinutes: TOKEN_VALIDITY_MINUTES,
};

import type { ResourcesConfig } from 'aws-amplify';
import { parseAmplifyConfig } from 'aws-amplify/utils';
import type { AmplifyOutputs, DemoUser } from '../core/outputs.ts';

export type { DemoUser };

export interface AppConfig {
  mode: 'local' | 'cloud';
  amplify: ResourcesConfig;
  eventsUrl: string;
  demoUsers: DemoUser[];
}

/**
 * Amplify configuration from `amplify_outputs.json` (cloud) or the local cloud's file of the same
 * shape. The only local extras: the user pool endpoint, which outputs cannot carry, and the
 * demo users shown on the sign-in page.
 */
export function configFromOutputs(outputs: AmplifyOutputs): AppConfig {
  // Amplify's parser takes its own outputs type, a superset of what `core/outputs.ts` describes.
  const parsed = parseAmplifyConfig(outputs as Parameters<typeof parseAmplifyConfig>[0]);
  const local = outputs.custom.local;
  if (!parsed.Auth?.Cognito) throw new Error('amplify_outputs.json lacks auth: is the backend deployed?');
  // The identity pool Amplify deploys beside the user pool is left out: every call the app makes
  // carries the user pool token, and with an identity pool configured every session lookup would
  // also fetch AWS credentials from Cognito Identity, a round trip before a cold load's first paint
  // for credentials nothing uses.
  const { identityPoolId: _identityPool, allowGuestAccess: _guests, ...userPool } = parsed.Auth.Cognito;
  const amplify: ResourcesConfig = {
    ...parsed,
    // Outputs carry no user pool endpoint; only the local cloud needs one.
    Auth: {
      Cognito: { ...userPool, ...(local ? { userPoolEndpoint: local.user_pool_endpoint } : {}) },
    } as ResourcesConfig['Auth'],
    API: { ...parsed.API, REST: outputs.custom.API },
  };
  return { mode: local ? 'local' : 'cloud', amplify, eventsUrl: outputs.custom.events.url, demoUsers: local?.users ?? [] };
}

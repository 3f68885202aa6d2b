import type { ResourcesConfig } from 'aws-amplify';
import { parseAmplifyConfig } from 'aws-amplify/utils';

/** The demo users the local cloud seeds (`custom.local.users`); absent in cloud mode. */
export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
  groups: string[];
}

export interface BackendOutputs {
  custom?: {
    events?: { url: string };
    API?: Record<string, { endpoint: string; region: string }>;
    local?: { user_pool_endpoint: string; users: DemoUser[] };
  };
}

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
export function configFromOutputs(outputs: BackendOutputs): AppConfig {
  const parsed = parseAmplifyConfig(outputs as Parameters<typeof parseAmplifyConfig>[0]);
  const local = outputs.custom?.local;
  const eventsUrl = outputs.custom?.events?.url;
  if (!eventsUrl || !parsed.Auth?.Cognito) {
    throw new Error('amplify_outputs.json lacks auth or custom.events: is the backend deployed?');
  }
  const amplify: ResourcesConfig = {
    ...parsed,
    // Outputs carry no user pool endpoint; only the local cloud needs one.
    Auth: {
      Cognito: { ...parsed.Auth.Cognito, ...(local ? { userPoolEndpoint: local.user_pool_endpoint } : {}) },
    } as ResourcesConfig['Auth'],
    API: { ...parsed.API, REST: outputs.custom?.API ?? {} },
  };
  return { mode: local ? 'local' : 'cloud', amplify, eventsUrl, demoUsers: local?.users ?? [] };
}

export async function loadConfig(fetchImpl: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetchImpl('/amplify_outputs.json');
  if (!response.ok) throw new Error(await response.text());
  return configFromOutputs((await response.json()) as BackendOutputs);
}

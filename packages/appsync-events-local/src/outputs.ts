/**
 * The outputs file the emulator writes: Amplify Gen 2's `amplify_outputs.json` shape (`auth` when
 * the template has a user pool, and under `custom` the Event API and any HTTP API, as an Amplify
 * backend adds them), plus `custom.local` with what only a local run has (the user pool's
 * endpoint, the seeded users, and the run's secrets: the admin token and the all-roles IAM
 * credentials, neither of which a page may get).
 */
import type { LocalIamCredentials } from './auth/local-iam-credentials.ts';
import type { SeedAccount } from './cognito/local-cognito.ts';
import type { UserPoolSettings } from './cognito/pool-settings.ts';
import { signInName } from './cognito/seed-identity.ts';

export interface EmulatorOutputs {
  version: string;
  auth?: {
    aws_region: string;
    user_pool_id: string;
    user_pool_client_id: string;
    username_attributes: string[];
    standard_required_attributes: string[];
    user_verification_types: string[];
    groups: Record<string, { precedence: number }>[];
    password_policy: Record<string, unknown>;
    mfa_configuration: string;
  };
  custom: {
    /** `default_authorization_type`: the API's first connection mode; `api_key`: its first key, when it has one. */
    events: { url: string; aws_region: string; default_authorization_type: string; api_key?: string };
    /** The HTTP API by name, as Amplify's REST category reads it. */
    API?: Record<string, { endpoint: string; region: string; apiName: string }>;
    local: {
      user_pool_endpoint?: string;
      admin_token: string;
      /** The run's all-roles credentials (`emulator.iamCredentials`), for a script that signs as the functions. */
      iam_credentials: { access_key_id: string; secret_access_key: string };
      users: { username: string; password: string; displayName: string; groups: string[] }[];
    };
  };
}

/** The served user pool. */
export interface UserPoolEndpoint {
  endpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  users: SeedAccount[];
  /** The pool's groups, in precedence order. */
  groups: readonly string[];
  settings: UserPoolSettings;
}

/** What the emulator's parts expose, from which the outputs file is written. */
export interface LocalEndpoints {
  region: string;
  eventsUrl: string;
  /** The Event API's first connection auth type. */
  defaultAuthType: string;
  apiKey?: string;
  /** The HTTP API and the name it is listed under in `custom.API`. */
  httpApi?: { url: string; name: string };
  userPool?: UserPoolEndpoint;
  /** The run's admin token (`access/`). */
  adminToken: string;
  iamCredentials: LocalIamCredentials;
}

export function buildOutputs(endpoints: LocalEndpoints): EmulatorOutputs {
  const { userPool, httpApi } = endpoints;
  return {
    version: '1.4',
    ...(userPool && {
      auth: {
        aws_region: endpoints.region,
        user_pool_id: userPool.userPoolId,
        user_pool_client_id: userPool.userPoolClientId,
        ...authOutputs(userPool.settings),
        groups: userPool.groups.map((name, precedence) => ({ [name]: { precedence } })),
      },
    }),
    custom: {
      events: {
        url: endpoints.eventsUrl,
        aws_region: endpoints.region,
        default_authorization_type: endpoints.defaultAuthType,
        ...(endpoints.apiKey === undefined ? {} : { api_key: endpoints.apiKey }),
      },
      ...(httpApi && { API: { [httpApi.name]: { endpoint: httpApi.url, region: endpoints.region, apiName: httpApi.name } } }),
      local: {
        ...(userPool && { user_pool_endpoint: userPool.endpoint }),
        admin_token: endpoints.adminToken,
        iam_credentials: { access_key_id: endpoints.iamCredentials.accessKeyId, secret_access_key: endpoints.iamCredentials.secretAccessKey },
        users: (userPool?.users ?? []).map((user) => ({
          username: signInName(user),
          password: user.password,
          displayName: user.displayName,
          groups: user.groups,
        })),
      },
    },
  };
}

/** The pool's settings as Amplify's outputs spell them. */
function authOutputs(settings: UserPoolSettings) {
  const policy = settings.passwordPolicy;
  const verified = ['email', 'phone_number'].filter((name) => [...settings.usernameAttributes, ...settings.aliasAttributes].some((attribute) => attribute === name));
  return {
    username_attributes: settings.usernameAttributes.length > 0 ? [...settings.usernameAttributes] : ['username'],
    standard_required_attributes: settings.usernameAttributes.includes('email') ? ['email'] : [],
    user_verification_types: verified,
    password_policy: {
      min_length: policy.minimumLength,
      require_lowercase: policy.requireLowercase,
      require_numbers: policy.requireNumbers,
      require_symbols: policy.requireSymbols,
      require_uppercase: policy.requireUppercase,
    },
    mfa_configuration: settings.mfa === 'OFF' ? 'NONE' : 'OPTIONAL',
  };
}

/**
 * The outputs file the emulator writes: Amplify Gen 2's `amplify_outputs.json` shape (`auth`, and
 * under `custom` the Event API and the HTTP API, as an Amplify backend adds them), plus
 * `custom.local` with what only a local run has (the user pool's endpoint, the seeded users, the
 * admin token).
 */
import type { SeedUser } from './cognito/local-cognito.ts';

export interface EmulatorOutputs {
  version: string;
  auth: {
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
    events: { url: string; aws_region: string; default_authorization_type: string };
    /** The HTTP API by name, as Amplify's REST category reads it. */
    API: Record<string, { endpoint: string; region: string; apiName: string }>;
    local: {
      user_pool_endpoint: string;
      admin_token: string;
      users: { username: string; password: string; displayName: string; groups: string[] }[];
    };
  };
}

/** What the emulator's parts expose, from which the outputs file is written. */
export interface LocalEndpoints {
  region: string;
  eventsUrl: string;
  httpApiUrl: string;
  /** The name the HTTP API is listed under in `custom.API`. */
  httpApiName: string;
  userPoolEndpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  users: SeedUser[];
  /** The user pool's groups, in precedence order. */
  groups: readonly string[];
  /** The run's admin token (`local/access/`). */
  adminToken: string;
}

export function buildOutputs(endpoints: LocalEndpoints): EmulatorOutputs {
  return {
    version: '1.4',
    auth: {
      aws_region: endpoints.region,
      user_pool_id: endpoints.userPoolId,
      user_pool_client_id: endpoints.userPoolClientId,
      username_attributes: ['email'],
      standard_required_attributes: ['email'],
      user_verification_types: ['email'],
      groups: endpoints.groups.map((name, precedence) => ({ [name]: { precedence } })),
      password_policy: {
        min_length: 8,
        require_lowercase: true,
        require_numbers: true,
        require_symbols: true,
        require_uppercase: true,
      },
      mfa_configuration: 'NONE',
    },
    custom: {
      events: {
        url: endpoints.eventsUrl,
        aws_region: endpoints.region,
        default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
      },
      API: {
        [endpoints.httpApiName]: { endpoint: endpoints.httpApiUrl, region: endpoints.region, apiName: endpoints.httpApiName },
      },
      local: {
        user_pool_endpoint: endpoints.userPoolEndpoint,
        admin_token: endpoints.adminToken,
        users: endpoints.users.map((user) => ({
          username: user.email,
          password: user.password,
          displayName: user.displayName,
          groups: user.groups,
        })),
      },
    },
  };
}

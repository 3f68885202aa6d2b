import { HTTP_API_NAME, userGroups } from '../amplify/definition.ts';
import type { SeedUser } from './cognito/local-cognito.ts';

/** What the local cloud's parts expose, from which the outputs file is written. */
export interface LocalEndpoints {
  region: string;
  eventsUrl: string;
  httpApiUrl: string;
  userPoolEndpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  users: SeedUser[];
}

/** The demo users as listed in `custom.local.users` (sign-in name, password, groups). */
export interface LocalUserOutput {
  username: string;
  password: string;
  displayName: string;
  groups: string[];
}

/**
 * The shape of the `amplify_outputs.json` that `npx ampx sandbox` writes (plus `custom.local`),
 * so the app configures itself from either file the same way.
 */
export interface AmplifyOutputs {
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
    API: Record<string, { endpoint: string; region: string; apiName: string }>;
    local?: { user_pool_endpoint: string; users: LocalUserOutput[] };
  };
}

export function buildOutputs(endpoints: LocalEndpoints): AmplifyOutputs {
  return {
    version: '1.4',
    auth: {
      aws_region: endpoints.region,
      user_pool_id: endpoints.userPoolId,
      user_pool_client_id: endpoints.userPoolClientId,
      username_attributes: ['email'],
      standard_required_attributes: ['email'],
      user_verification_types: ['email'],
      groups: userGroups.map((name, precedence) => ({ [name]: { precedence } })),
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
        [HTTP_API_NAME]: { endpoint: endpoints.httpApiUrl, region: endpoints.region, apiName: HTTP_API_NAME },
      },
      local: {
        user_pool_endpoint: endpoints.userPoolEndpoint,
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

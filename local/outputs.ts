import { type AmplifyOutputs, HTTP_API_NAME } from '../core/outputs.ts';
import type { SeedUser } from './cognito/local-cognito.ts';

/** What the local cloud's parts expose, from which the outputs file (`core/outputs.ts`) is written. */
export interface LocalEndpoints {
  region: string;
  eventsUrl: string;
  httpApiUrl: string;
  userPoolEndpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  users: SeedUser[];
  /** The user pool's groups, in precedence order. */
  groups: readonly string[];
  /** The run's admin token (`local/access/`). */
  adminToken: string;
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
        [HTTP_API_NAME]: { endpoint: endpoints.httpApiUrl, region: endpoints.region, apiName: HTTP_API_NAME },
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

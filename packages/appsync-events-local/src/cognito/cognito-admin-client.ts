/**
 * A minimal Cognito Identity Provider JSON-RPC client (`x-amz-target` + JSON body), enough to
 * seed the local pool. The local pool takes admin calls unsigned but only with its admin token
 * (`local/access/`), so no SDK is needed.
 */
import { ADMIN_TOKEN_HEADER } from '../access/local-access.ts';

export interface CognitoAdminClient {
  /** Calls `AWSCognitoIdentityProviderService.<operation>`; rejects with a `CognitoApiError`. */
  call<T = Record<string, unknown>>(operation: string, input: Record<string, unknown>): Promise<T>;
}

export class CognitoApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(`${type}: ${message}`);
    this.name = 'CognitoApiError';
  }
}

/** `adminToken`: the local cloud's (`LocalCognito.adminToken`, `custom.local.admin_token`). */
export function createCognitoAdminClient(endpoint: string, adminToken: string): CognitoAdminClient {
  return {
    async call<T>(operation: string, input: Record<string, unknown>): Promise<T> {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
          [ADMIN_TOKEN_HEADER]: adminToken,
        },
        body: JSON.stringify(input),
      });
      const body = (await response.json()) as Record<string, unknown>;
      if (!response.ok) {
        throw new CognitoApiError(String(body.__type ?? response.status), String(body.message ?? ''));
      }
      return body as T;
    },
  };
}

/**
 * The `Amplify.configure` settings that point an unmodified aws-amplify v6 client at the emulator,
 * from the outputs file it writes (`amplify_outputs.json`'s shape). Amplify's own parser reads the
 * same fields but drops what only a local run has: the user pool's endpoint (`custom.local`), which
 * Amplify takes only as `Auth.Cognito.userPoolEndpoint`. Plain data, so the package needs no
 * aws-amplify at run time; the result is assignable to aws-amplify's `ResourcesConfig`. Pure.
 */

/** The parts of the outputs file the client reads; a deployment's file has them too, without `custom.local`. */
export interface ClientOutputs {
  version: string;
  /** Absent when the backend has no user pool. */
  auth?: {
    aws_region: string;
    user_pool_id: string;
    user_pool_client_id: string;
    username_attributes?: readonly string[];
  };
  custom: {
    /** The Event API: `url` is its HTTP endpoint (`…/event`); Amplify derives the realtime one from it. */
    events: { url: string; aws_region: string; default_authorization_type: string; api_key?: string };
    /** HTTP APIs by name, as Amplify's REST category takes them. */
    API?: Record<string, { endpoint: string; region: string; apiName?: string }>;
    /** Only in the emulator's file. */
    local?: { user_pool_endpoint?: string };
  };
}

/** aws-amplify's names for the Event API's auth types (`defaultAuthMode`). */
export type EventsAuthMode = 'apiKey' | 'userPool' | 'iam' | 'oidc' | 'lambda';

const AUTH_MODES: Readonly<Record<string, EventsAuthMode>> = {
  API_KEY: 'apiKey',
  AMAZON_COGNITO_USER_POOLS: 'userPool',
  AWS_IAM: 'iam',
  OPENID_CONNECT: 'oidc',
  AWS_LAMBDA: 'lambda',
};

/** What `Amplify.configure` takes for the user pool, the Event API and the HTTP APIs. */
export interface AmplifyClientConfig {
  Auth?: {
    Cognito: {
      userPoolId: string;
      userPoolClientId: string;
      /** The emulator's user pool: every Cognito call goes to this URL instead of AWS. */
      userPoolEndpoint?: string;
      loginWith?: { email: boolean; phone: boolean; username: boolean };
    };
  };
  API: {
    Events: { endpoint: string; region: string; defaultAuthMode: EventsAuthMode; apiKey?: string };
    REST?: Record<string, { endpoint: string; region: string }>;
  };
}

export interface AmplifyConfigOptions {
  /** The mode calls use unless they name one; default: the file's `default_authorization_type`. */
  defaultAuthMode?: EventsAuthMode;
  /** The API key sent in `apiKey` mode; default: the file's `api_key`. */
  apiKey?: string;
}

function authModeOf(type: string): EventsAuthMode {
  const mode = AUTH_MODES[type];
  if (!mode) throw new Error(`custom.events.default_authorization_type ${JSON.stringify(type)} is not an Event API auth type (${Object.keys(AUTH_MODES).join(', ')})`);
  return mode;
}

export function amplifyConfigFromOutputs(outputs: ClientOutputs, options: AmplifyConfigOptions = {}): AmplifyClientConfig {
  const { events, API: rest, local } = outputs.custom;
  const apiKey = options.apiKey ?? events.api_key;
  const config: AmplifyClientConfig = {
    API: {
      Events: {
        endpoint: events.url,
        region: events.aws_region,
        defaultAuthMode: options.defaultAuthMode ?? authModeOf(events.default_authorization_type),
        ...(apiKey === undefined ? {} : { apiKey }),
      },
      ...(rest ? { REST: rest } : {}),
    },
  };
  if (!outputs.auth) return config;
  const usernames = outputs.auth.username_attributes;
  return {
    ...config,
    Auth: {
      Cognito: {
        userPoolId: outputs.auth.user_pool_id,
        userPoolClientId: outputs.auth.user_pool_client_id,
        ...(local?.user_pool_endpoint === undefined ? {} : { userPoolEndpoint: local.user_pool_endpoint }),
        ...(usernames === undefined
          ? {}
          : { loginWith: { email: usernames.includes('email'), phone: usernames.includes('phone_number'), username: usernames.includes('username') } }),
      },
    },
  };
}

/**
 * The outputs file (`amplify_outputs.json`): what `npx ampx sandbox` / pipeline-deploy write for a
 * deployment, and what the local cloud writes for itself in the same shape plus `custom.local`.
 * The local cloud builds it with this type; the app checks what it fetches with `checkOutputs`.
 * Only the parts Parley reads are described; the rest of Amplify's file passes through untouched.
 */
import { type Checked, isNonEmptyString, isRecord, refuse } from './checked.ts';

/**
 * The id of the `<script type="application/json">` element the page carries the outputs file in
 * (written by the Vite config, read by the app), so the app needs no request before it starts.
 */
export const OUTPUTS_ELEMENT_ID = 'amplify-outputs';

/** The name the HTTP API is listed under in `custom.API`, which Amplify's REST category calls it by. */
export const HTTP_API_NAME = 'parley';

/** `auth`: the Cognito user pool (Amplify's own outputs fields). */
export interface AuthOutputs {
  aws_region: string;
  user_pool_id: string;
  user_pool_client_id: string;
  username_attributes?: string[];
  standard_required_attributes?: string[];
  user_verification_types?: string[];
  groups?: Record<string, { precedence: number }>[];
  password_policy?: Record<string, unknown>;
  mfa_configuration?: string;
}

/** `custom.events`: the Event API's HTTP endpoint (`https://<domain>/event`); realtime is derived from it. */
export interface EventsOutputs {
  url: string;
  aws_region: string;
  default_authorization_type: string;
}

/** One HTTP API under `custom.API`, as Amplify's REST category reads it. */
export interface HttpApiOutputs {
  endpoint: string;
  region: string;
  apiName?: string;
}

/** A demo user the local cloud seeds, listed on its sign-in page. */
export interface DemoUser {
  /** The sign-in name (an email). */
  username: string;
  password: string;
  displayName: string;
  groups: string[];
}

/** `custom.local`: only in the local cloud's file. */
export interface LocalOutputs {
  /** The local user pool's endpoint, which a deployment's outputs never carry. */
  user_pool_endpoint: string;
  users: DemoUser[];
  /**
   * The run's secret for the local cloud's local-only endpoints (`/_local/*`, the user pool's admin
   * calls), sent as `x-appsync-events-local-token`. In the file the local cloud writes; never in the copy
   * a page gets (`withoutLocalSecrets`).
   */
  admin_token?: string;
  /**
   * The run's AWS credentials standing for all the functions' roles (the local cloud's
   * `iamCredentials`), for a script that publishes or writes as the functions do. New in every run;
   * never in the copy a page gets (`withoutLocalSecrets`): a page could sign as the functions with them.
   */
  iam_credentials?: LocalIamCredentialsOutputs;
}

/** `custom.local.iam_credentials`. */
export interface LocalIamCredentialsOutputs {
  access_key_id: string;
  secret_access_key: string;
}

/** What Parley's backend adds under `custom` (amplify/backend.ts, packages/appsync-events-local/src/outputs.ts). */
export interface CustomOutputs {
  events: EventsOutputs;
  API: Record<string, HttpApiOutputs>;
  local?: LocalOutputs;
}

export interface AmplifyOutputs {
  version: string;
  auth: AuthOutputs;
  custom: CustomOutputs;
}

function checkAuth(value: unknown): string | null {
  if (!isRecord(value)) return 'auth is missing: is the backend deployed?';
  const missing = ['aws_region', 'user_pool_id', 'user_pool_client_id'].filter((key) => !isNonEmptyString(value[key]));
  return missing.length > 0 ? `auth lacks ${missing.join(', ')}` : null;
}

function checkEvents(value: unknown): string | null {
  if (!isRecord(value) || !isNonEmptyString(value.url) || !isNonEmptyString(value.aws_region)) {
    return 'custom.events needs url and aws_region: is the backend deployed?';
  }
  return null;
}

function checkApis(value: unknown): string | null {
  if (!isRecord(value)) return 'custom.API is missing';
  const bad = Object.keys(value).filter((name) => {
    const api = value[name];
    return !isRecord(api) || !isNonEmptyString(api.endpoint) || !isNonEmptyString(api.region);
  });
  return bad.length > 0 ? `custom.API.${bad[0]} needs endpoint and region` : null;
}

function isDemoUser(value: unknown): boolean {
  return (
    isRecord(value) &&
    isNonEmptyString(value.username) &&
    typeof value.password === 'string' &&
    typeof value.displayName === 'string' &&
    Array.isArray(value.groups) &&
    value.groups.every((g) => typeof g === 'string')
  );
}

function checkLocal(value: unknown): string | null {
  if (value === undefined) return null;
  if (!isRecord(value) || !isNonEmptyString(value.user_pool_endpoint) || !Array.isArray(value.users)) {
    return 'custom.local needs user_pool_endpoint and users';
  }
  if (value.admin_token !== undefined && !isNonEmptyString(value.admin_token)) return 'custom.local.admin_token must be a non-empty string';
  const iam = value.iam_credentials;
  if (iam !== undefined && !(isRecord(iam) && isNonEmptyString(iam.access_key_id) && isNonEmptyString(iam.secret_access_key))) {
    return 'custom.local.iam_credentials needs access_key_id and secret_access_key';
  }
  const bad = value.users.findIndex((user) => !isDemoUser(user));
  return bad >= 0 ? `custom.local.users[${bad}] needs username, password, displayName and groups` : null;
}

/** What is wrong with a parsed outputs file, empty when nothing is. */
function outputsProblems(value: unknown): string[] {
  if (!isRecord(value)) return ['the outputs file is not a JSON object'];
  const custom = isRecord(value.custom) ? value.custom : {};
  return [
    isNonEmptyString(value.version) ? null : 'version is missing',
    checkAuth(value.auth),
    checkEvents(custom.events),
    checkApis(custom.API),
    checkLocal(custom.local),
  ].filter((problem): problem is string => problem !== null);
}

function isOutputs(value: unknown): value is AmplifyOutputs {
  return outputsProblems(value).length === 0;
}

/** Checks a parsed outputs file; on success it is the same object, typed (Amplify reads the rest). */
export function checkOutputs(value: unknown): Checked<AmplifyOutputs> {
  return isOutputs(value) ? { ok: true, value } : refuse(outputsProblems(value).join('; '));
}

/**
 * An outputs file as a page may see it: without the local cloud's run secrets, the admin token and
 * the IAM credentials. The app uses neither, and any script running in a page that held them could
 * change the local cloud or publish as its functions. Anything else, including a file that is not
 * an outputs file, passes through unchanged.
 */
export function withoutLocalSecrets(value: unknown): unknown {
  if (!isRecord(value) || !isRecord(value.custom) || !isRecord(value.custom.local)) return value;
  const { admin_token: _token, iam_credentials: _credentials, ...local } = value.custom.local;
  return { ...value, custom: { ...value.custom, local } };
}

/**
 * What a deployment reads from its environment (README "Deploy to AWS" lists each variable), read
 * and checked in one place before anything is built, so a bad value stops the synth with a message
 * that names it instead of deploying a backend that fails later (a hosted app whose every history
 * call fails CORS, alarms that page nobody).
 *
 * Pure: takes the environment and the Amplify backend type, returns settings or throws.
 */
import { parseSignupPolicy, type SignupPolicy } from '../core/signup-policy.ts';
import { type FunctionName, functionNames, functionSettings } from './definition.ts';

/** `sandbox` for `npx ampx sandbox`; `branch` for Amplify Hosting's `pipeline-deploy`. */
export type BackendType = 'sandbox' | 'branch';

/** AppSync Event API log levels (`EventConfig.LogConfig.LogLevel`). */
export const EVENT_API_LOG_LEVELS = ['NONE', 'ERROR', 'INFO', 'DEBUG', 'ALL'] as const;
export type EventApiLogLevel = (typeof EVENT_API_LOG_LEVELS)[number];

export interface DeploySettings {
  backendType: BackendType;
  /** Origins the HTTP API's CORS allows: where the app is served from. */
  appOrigins: string[];
  /** Who the alarms' SNS topic emails, when set. */
  alarmEmail?: string;
  eventApiLogLevel: EventApiLogLevel;
  /** Reserved concurrency per function; a function absent here has none. */
  reservedConcurrency: Partial<Record<FunctionName, number>>;
  /** Branch deploys keep the user pool when the stack goes, as they keep the table. */
  retainUserPool: boolean;
  /** Who may create an account: anyone, some email domains, or administrators only. */
  signup: SignupPolicy;
}

/** The Vite dev server's origins: where a sandbox's app runs (`npm run dev -- --cloud`). */
export const SANDBOX_APP_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

export class DeploySettingsError extends Error {
  override name = 'DeploySettingsError';
}

/** Reads the Amplify backend type from CDK context; anything but `sandbox` is held to branch rules. */
export function backendTypeOf(contextValue: unknown): BackendType {
  return contextValue === 'sandbox' ? 'sandbox' : 'branch';
}

export function readDeploySettings(env: Record<string, string | undefined>, backendType: BackendType): DeploySettings {
  return {
    backendType,
    appOrigins: readAppOrigins(env.PARLEY_APP_ORIGINS, backendType),
    alarmEmail: readAlarmEmail(env.PARLEY_ALARM_EMAIL),
    eventApiLogLevel: readLogLevel(env.PARLEY_EVENT_API_LOG_LEVEL),
    reservedConcurrency: readReservedConcurrency(env.PARLEY_RESERVED_CONCURRENCY),
    retainUserPool: backendType === 'branch',
    signup: readSignup(env.PARLEY_SIGNUP),
  };
}

function readSignup(raw: string | undefined): SignupPolicy {
  const parsed = parseSignupPolicy(raw);
  if (!parsed.ok) throw new DeploySettingsError(`PARLEY_SIGNUP: ${parsed.error}`);
  return parsed.value;
}

const blank = (value: string | undefined): value is undefined => value === undefined || value.trim() === '';

function readAppOrigins(raw: string | undefined, backendType: BackendType): string[] {
  if (blank(raw)) {
    if (backendType === 'sandbox') return SANDBOX_APP_ORIGINS;
    throw new DeploySettingsError(
      'PARLEY_APP_ORIGINS is not set. A branch deploy needs the origins its app is served from, for the ' +
        'HTTP API\'s CORS (e.g. PARLEY_APP_ORIGINS=https://main.d1234abcd.amplifyapp.com); without them every ' +
        'history call from the hosted app fails. Set it in the Amplify console under Environment variables.',
    );
  }
  const origins = raw.split(',').map((value) => value.trim()).filter((value) => value !== '');
  return origins.map(checkOrigin);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An origin exactly as a browser sends it: scheme, host and port only. HTTPS unless the host is
 * loopback, since a hosted app is only ever served over HTTPS and a plain-HTTP origin there would
 * be a typo or a downgrade.
 */
function checkOrigin(value: string): string {
  const problem = (why: string) =>
    new DeploySettingsError(`PARLEY_APP_ORIGINS has "${value}", which is not an origin: ${why}. Give scheme and host, e.g. https://app.example.com`);
  if (value === '*') throw problem('a wildcard would let any web page call the API with a member\'s token');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw problem('it does not parse as a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw problem('it must use https (http only for localhost)');
  }
  if (url.origin !== value.replace(/\/$/, '')) throw problem('it has a path, query, fragment or credentials');
  return url.origin;
}

function readAlarmEmail(raw: string | undefined): string | undefined {
  if (blank(raw)) return undefined;
  const email = raw.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new DeploySettingsError(`PARLEY_ALARM_EMAIL is "${raw}", which is not an email address`);
  }
  return email;
}

function readLogLevel(raw: string | undefined): EventApiLogLevel {
  if (blank(raw)) return 'ERROR';
  const level = raw.trim().toUpperCase();
  if (!(EVENT_API_LOG_LEVELS as readonly string[]).includes(level)) {
    throw new DeploySettingsError(`PARLEY_EVENT_API_LOG_LEVEL is "${raw}"; use one of ${EVENT_API_LOG_LEVELS.join(', ')}`);
  }
  return level as EventApiLogLevel;
}

/** The definition's reservations, unless `PARLEY_RESERVED_CONCURRENCY` replaces them. */
export function defaultReservedConcurrency(): Partial<Record<FunctionName, number>> {
  const reserved: Partial<Record<FunctionName, number>> = {};
  for (const name of functionNames) {
    const value = functionSettings[name].reservedConcurrency;
    if (value !== undefined) reserved[name] = value;
  }
  return reserved;
}

/**
 * `none` reserves nothing (an account whose concurrency quota is still the new-account 10 cannot
 * reserve any); `name=count,…` overrides the listed functions' defaults and keeps the others.
 */
function readReservedConcurrency(raw: string | undefined): Partial<Record<FunctionName, number>> {
  if (blank(raw)) return defaultReservedConcurrency();
  if (raw.trim().toLowerCase() === 'none') return {};
  const reserved = defaultReservedConcurrency();
  for (const entry of raw.split(',').map((value) => value.trim()).filter((value) => value !== '')) {
    const match = /^([a-z-]+)=(\d+)$/.exec(entry);
    const name = match?.[1] as FunctionName | undefined;
    if (!match || !name || !(functionNames as readonly string[]).includes(name)) {
      throw new DeploySettingsError(
        `PARLEY_RESERVED_CONCURRENCY has "${entry}"; use none, or function=count pairs such as persist-messages=100 (functions: ${functionNames.join(', ')})`,
      );
    }
    const count = Number(match[2]);
    if (count < 1) throw new DeploySettingsError(`PARLEY_RESERVED_CONCURRENCY gives ${name} ${count}; reserve at least 1, or leave it out`);
    reserved[name] = count;
  }
  return reserved;
}

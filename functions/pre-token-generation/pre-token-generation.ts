import type { Context, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { codePointLength, sanitizeText } from '../../core/sanitize.ts';
import { readEnv } from '../lib/env.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { metricsFromEnv, type MetricsSink } from '../lib/metrics.ts';
import { PreTokenGenerationEnvSchema } from './env.ts';

/** Takes `unknown` like every function's handler; Cognito (trigger version V2_0) is the only caller. */
export type PreTokenGeneration = (event: unknown, context?: Context) => Promise<PreTokenGenerationV2TriggerEvent>;

/** Display names longer than this (in code points) are cut: a name is a label, not a message. */
export const DISPLAY_NAME_MAX_LENGTH = 64;

/**
 * Cognito Pre Token Generation **V2** trigger. Amplify sends the *access* token to AppSync and the
 * HTTP API, and an access token carries no profile attributes; with email sign-in its `username` is
 * the sub. So this copies the display name (`preferred_username`) into the access token, and
 * into the ID token (where Cognito puts it already; set here too so both agree after sanitizing).
 * Adding claims to access tokens needs the Essentials (or Plus) feature plan.
 */
export function createPreTokenGenerationHandler(env: Record<string, string | undefined>): PreTokenGeneration {
  const config = readEnv(PreTokenGenerationEnvSchema, env);
  return createPreTokenGeneration({
    logger: createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'pre-token-generation', logLevel: config.POWERTOOLS_LOG_LEVEL }),
    metrics: metricsFromEnv(config, 'pre-token-generation'),
  });
}

export function createPreTokenGeneration(deps: { logger: Logger; metrics: MetricsSink }): PreTokenGeneration {
  const { logger } = deps;
  return async (event, context) => {
    logger.resetKeys();
    if (context) logger.addContext(context);
    const trigger = event as PreTokenGenerationV2TriggerEvent;
    const displayName = displayNameClaim(trigger.request.userAttributes ?? {});
    logger.appendKeys({ triggerSource: trigger.triggerSource });
    if (displayName === null) {
      logger.warn('user has no usable preferred_username; tokens keep Cognito defaults');
      deps.metrics.count('TokensWithoutDisplayName', 1);
      deps.metrics.flush();
      return trigger;
    }
    const claims = { preferred_username: displayName };
    trigger.response = {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: claims },
        accessTokenGeneration: { claimsToAddOrOverride: claims },
      },
    };
    deps.metrics.count('TokensCustomized', 1);
    deps.metrics.flush();
    return trigger;
  };
}

/**
 * The display name to put in tokens: `preferred_username` (a user can change it directly in
 * Cognito, so it gets the message sanitize rules, on one line), else `name`; null if neither.
 */
export function displayNameClaim(userAttributes: Readonly<Record<string, string>>): string | null {
  const candidates = [userAttributes.preferred_username, userAttributes.name].map((value) =>
    value === undefined ? '' : oneLine(sanitizeText(value.normalize('NFC'))),
  );
  const name = candidates.find((value) => value !== '');
  return name === undefined ? null : truncate(name, DISPLAY_NAME_MAX_LENGTH);
}

function oneLine(text: string): string {
  return text.split(/\s+/u).filter(Boolean).join(' ');
}

function truncate(text: string, maxCodePoints: number): string {
  return codePointLength(text) <= maxCodePoints ? text : [...text].slice(0, maxCodePoints).join('');
}

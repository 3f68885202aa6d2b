import type { Context, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { DISPLAY_NAME_CLAIM, HANDLE_CLAIM } from '../../core/profile.ts';
import { createDocumentClient } from '../lib/dynamo-client.ts';
import { AwsRuntimeEnvSchema, readEnv } from '../lib/env.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { metricsFromEnv, type MetricsSink } from '../lib/metrics.ts';
import { createProfileStore, type ProfileStore, type StoredProfile } from '../lib/profile-store.ts';
import { starterRoomEnsurer } from '../lib/starter-room.ts';
import { PreTokenGenerationEnvSchema } from './env.ts';

/** Takes `unknown` like every function's handler; Cognito (trigger version V2_0) is the only caller. */
export type PreTokenGeneration = (event: unknown, context?: Context) => Promise<PreTokenGenerationV2TriggerEvent>;

/**
 * Claims a token must not carry: attributes a member could once set in Cognito themselves. The
 * app's client may no longer write them, but accounts from before may still have them.
 */
export const SUPPRESSED_CLAIMS = ['preferred_username'];

/**
 * Cognito Pre Token Generation **V2** trigger, on every token issue (sign-in and refresh). It
 * reads the account's profile (one strongly consistent GetItem; on the first sign-in it creates
 * it) and puts the handle and display name into the access token (which Amplify sends to AppSync
 * and the HTTP API) and the ID token, as `parley:handle` and `parley:display_name`. No Cognito
 * attribute a member can write becomes a name. Access-token claims need the Essentials plan.
 */
export function createPreTokenGenerationHandler(env: Record<string, string | undefined>): PreTokenGeneration {
  const config = readEnv(PreTokenGenerationEnvSchema, env);
  const client = createDocumentClient(readEnv(AwsRuntimeEnvSchema, env));
  const logger = createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'pre-token-generation', logLevel: config.POWERTOOLS_LOG_LEVEL });
  return createPreTokenGeneration({
    // A new deployment's first member creates the starter room (lib/starter-room.ts).
    profiles: createProfileStore(client, config.TABLE_NAME, { onCreated: starterRoomEnsurer(client, config.TABLE_NAME, logger) }),
    logger,
    metrics: metricsFromEnv(config, 'pre-token-generation'),
  });
}

export function createPreTokenGeneration(deps: { profiles: Pick<ProfileStore, 'ensure'>; logger: Logger; metrics: MetricsSink }): PreTokenGeneration {
  const { logger, metrics } = deps;
  return async (event, context) => {
    logger.resetKeys();
    if (context) logger.addContext(context);
    const trigger = event as PreTokenGenerationV2TriggerEvent;
    const attributes = trigger.request.userAttributes ?? {};
    const sub = attributes.sub ?? trigger.userName;
    logger.appendKeys({ triggerSource: trigger.triggerSource, sub });
    try {
      // `name` is the one name attribute only an administrator can set (the client writes email only).
      const profile = await deps.profiles.ensure(sub, attributes.email, attributes.name);
      const claims = profileClaims(profile);
      trigger.response = {
        claimsAndScopeOverrideDetails: {
          idTokenGeneration: { claimsToAddOrOverride: claims, claimsToSuppress: SUPPRESSED_CLAIMS },
          accessTokenGeneration: { claimsToAddOrOverride: claims, claimsToSuppress: SUPPRESSED_CLAIMS },
        },
      };
      metrics.count('TokensCustomized', 1);
      return trigger;
    } catch (error) {
      // Cognito then refuses the sign-in or refresh: a token without a profile would publish as nobody.
      logger.error('could not read or create the profile', { error: error as Error });
      throw error;
    } finally {
      metrics.flush();
    }
  };
}

/** The profile as token claims (core/profile.ts), which the handlers and the app read. */
export function profileClaims(profile: Pick<StoredProfile, 'handle' | 'displayName'>): Record<string, string> {
  return { [HANDLE_CLAIM]: profile.handle, [DISPLAY_NAME_CLAIM]: profile.displayName };
}

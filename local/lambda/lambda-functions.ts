import { type FunctionName, tables } from '../../amplify/definition.ts';
import { createCreateRoomHandler } from '../../functions/create-room/create-room.ts';
import type { CreateRoomEnv } from '../../functions/create-room/env.ts';
import type { HistoryEnv } from '../../functions/history/env.ts';
import { createHistoryHandler } from '../../functions/history/history.ts';
import type { PersistMessagesEnv } from '../../functions/persist-messages/env.ts';
import { createPersistMessagesHandler } from '../../functions/persist-messages/persist-messages.ts';
import { formatRateLimit } from '../../functions/lib/rate-limiter.ts';
import { DEFAULT_SIGNUP_POLICY, formatSignupPolicy, type SignupPolicy } from '../../core/signup-policy.ts';
import type { PreSignUpEnv } from '../../functions/pre-sign-up/env.ts';
import { createPreSignUpHandler } from '../../functions/pre-sign-up/pre-sign-up.ts';
import type { PreTokenGenerationEnv } from '../../functions/pre-token-generation/env.ts';
import { createPreTokenGenerationHandler } from '../../functions/pre-token-generation/pre-token-generation.ts';
import type { ModerationEnv } from '../../functions/moderation/env.ts';
import type { MembersEnv } from '../../functions/members/env.ts';
import { createMembersHandler } from '../../functions/members/members.ts';
import type { ThrottleSignalsEnv } from '../../functions/throttle-signals/env.ts';
import { createThrottleSignalsHandler } from '../../functions/throttle-signals/throttle-signals.ts';
import { createModerationHandler } from '../../functions/moderation/moderation.ts';
import type { ProfileEnv } from '../../functions/profile/env.ts';
import { createProfileHandler } from '../../functions/profile/profile.ts';
import type { ReportsEnv } from '../../functions/reports/env.ts';
import { createReportsHandler } from '../../functions/reports/reports.ts';
import type { RateLimit } from '../options.ts';
import type { LambdaFunctionConfig } from './lambda-runner.ts';

export interface LocalFunctionsOptions {
  region: string;
  dynamoEndpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  rateLimit?: RateLimit;
  /** New rooms per member (create-room's `ROOM_LIMIT`); unset: the function's default, as deployed. */
  roomLimit?: RateLimit;
  /** The local Event API's HTTP publish URL; read at the moderation and members functions' cold start. */
  eventsUrl: () => string;
  /** Who may sign up; open unless the local cloud is started with another policy. */
  signup?: SignupPolicy;
}

/**
 * The `functions/` handler factories with their env as deployed (`satisfies XxxEnv`, like the
 * CDK side), plus the standard variables that point the AWS SDK at the local DynamoDB server.
 * Their timeout and memory are the backend definition's, which the runner applies.
 */
export function createLambdaFunctions(options: LocalFunctionsOptions): Record<FunctionName, LambdaFunctionConfig> {
  const tableName = tables[0]!.name;
  const sdk = {
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint,
    AWS_ACCESS_KEY_ID: options.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: options.credentials.secretAccessKey,
  };
  // Locally, logs at WARN and no EMF metrics keep `npm run dev` readable.
  const quiet = { POWERTOOLS_LOG_LEVEL: 'WARN' as const, POWERTOOLS_METRICS_DISABLED: 'true' as const };
  return {
    'persist-messages': {
      factory: createPersistMessagesHandler,
      env: {
        ...sdk,
        ...({ TABLE_NAME: tableName, ...quiet } satisfies PersistMessagesEnv),
        // Unset: the function's default, as deployed.
        ...(options.rateLimit === undefined ? {} : ({ RATE_LIMIT: formatRateLimit(options.rateLimit) } satisfies Partial<PersistMessagesEnv>)),
      },
    },
    'throttle-signals': {
      factory: createThrottleSignalsHandler,
      env: { ...sdk, ...({ TABLE_NAME: tableName, ...quiet } satisfies ThrottleSignalsEnv) },
    },
    history: {
      factory: createHistoryHandler,
      env: { ...sdk, ...({ TABLE_NAME: tableName, ...quiet } satisfies HistoryEnv) },
    },
    'create-room': {
      factory: createCreateRoomHandler,
      env: {
        ...sdk,
        ...({ TABLE_NAME: tableName, ...quiet } satisfies CreateRoomEnv),
        ...(options.roomLimit === undefined ? {} : ({ ROOM_LIMIT: formatRateLimit(options.roomLimit) } satisfies Partial<CreateRoomEnv>)),
      },
    },
    // The local user pool's Pre Token Generation V2 trigger (local/cognito/v2-token-generator.ts),
    // on sign-in and on every refresh: it reads the profile, so a rename reaches the next token.
    'pre-token-generation': {
      factory: createPreTokenGenerationHandler,
      env: { ...sdk, ...({ TABLE_NAME: tableName, ...quiet } satisfies PreTokenGenerationEnv) },
    },
    'pre-sign-up': {
      factory: createPreSignUpHandler,
      env: { ...({ SIGNUP_POLICY: formatSignupPolicy(options.signup ?? DEFAULT_SIGNUP_POLICY), ...quiet } satisfies PreSignUpEnv) },
    },
    profile: {
      factory: createProfileHandler,
      env: { ...sdk, ...({ TABLE_NAME: tableName, ...quiet } satisfies ProfileEnv) },
    },
    reports: {
      factory: createReportsHandler,
      env: { ...sdk, ...({ TABLE_NAME: tableName, ...quiet } satisfies ReportsEnv) },
    },
    members: {
      factory: createMembersHandler,
      env: () => ({
        ...sdk,
        ...({ TABLE_NAME: tableName, EVENT_API_URL: options.eventsUrl(), ...quiet } satisfies MembersEnv),
        ...(options.roomLimit === undefined ? {} : ({ ROOM_LIMIT: formatRateLimit(options.roomLimit) } satisfies Partial<MembersEnv>)),
      }),
    },
    moderation: {
      factory: createModerationHandler,
      env: () => ({ ...sdk, ...({ TABLE_NAME: tableName, EVENT_API_URL: options.eventsUrl(), ...quiet } satisfies ModerationEnv) }),
    },
  };
}

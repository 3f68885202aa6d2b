import type { Context, PreSignUpTriggerEvent } from 'aws-lambda';
import { emailDomain, maySignUp, parseSignupPolicy, type SignupPolicy } from '../../core/signup-policy.ts';
import { readEnv } from '../lib/env.ts';
import { ConfigurationError } from '../lib/errors.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { metricsFromEnv, type MetricsSink } from '../lib/metrics.ts';
import { PreSignUpEnvSchema } from './env.ts';

/** Takes `unknown` like every function's handler; Cognito is the only caller. */
export type PreSignUp = (event: unknown, context?: Context) => Promise<PreSignUpTriggerEvent>;

/**
 * Cognito Pre Sign-up trigger: enforces the deployment's sign-up policy on people signing
 * themselves up. Cognito refuses the sign-up with the thrown error's message (as
 * `UserLambdaValidationException`), which the app shows. Accounts an administrator creates are
 * always allowed: that is how an invite-only deployment gets its members.
 */
export function createPreSignUpHandler(env: Record<string, string | undefined>): PreSignUp {
  const config = readEnv(PreSignUpEnvSchema, env);
  const policy = parseSignupPolicy(config.SIGNUP_POLICY);
  if (!policy.ok) throw new ConfigurationError(`SIGNUP_POLICY: ${policy.error}`);
  return createPreSignUp({
    policy: policy.value,
    logger: createLogger({ serviceName: config.POWERTOOLS_SERVICE_NAME ?? 'pre-sign-up', logLevel: config.POWERTOOLS_LOG_LEVEL }),
    metrics: metricsFromEnv(config, 'pre-sign-up'),
  });
}

export function createPreSignUp(deps: { policy: SignupPolicy; logger: Logger; metrics: MetricsSink }): PreSignUp {
  const { policy, logger, metrics } = deps;
  return async (event, context) => {
    logger.resetKeys();
    if (context) logger.addContext(context);
    const trigger = event as PreSignUpTriggerEvent;
    logger.appendKeys({ triggerSource: trigger.triggerSource });
    if (trigger.triggerSource === 'PreSignUp_AdminCreateUser') return trigger;
    const email = trigger.request.userAttributes?.email ?? '';
    if (maySignUp(policy, email)) return trigger;
    metrics.count('SignUpsRefused', 1);
    metrics.flush();
    // The domain, not the address: enough to tell refusals apart, and no personal data in logs.
    logger.info('sign-up refused by policy', { policy: policy.kind, domain: emailDomain(email) });
    throw new Error(refusal(policy));
  };
}

/** What the person signing up reads. */
export function refusal(policy: SignupPolicy): string {
  if (policy.kind === 'domains') return `Sign-up is open to email addresses at ${policy.domains.join(', ')} only`;
  return 'Sign-up is by invitation only: ask an administrator for an account';
}

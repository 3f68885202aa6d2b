/**
 * The front's part of signing in: `InitiateAuth` checked against the app client's
 * `ExplicitAuthFlows`, `USER_SRP_AUTH` and its `PASSWORD_VERIFIER` answered here (`srp-sign-in.ts`),
 * and password sign-ins put in Cognito's words. A verified SRP claim becomes a `USER_PASSWORD_AUTH`
 * sign-in upstream on the user's behalf, so cognito-local issues the tokens (and runs the triggers,
 * and asks for a new password or MFA) exactly as for a password sign-in. Everything else passes.
 */
import { authFlowRefusal, toCognitoSignInError } from './auth-flows.ts';
import { TARGET_PREFIX } from './public-operations.ts';
import { createSrpSignIn, isVerifiedClaim, type PasswordVerifierRequest, type SrpSignInOptions } from './srp-sign-in.ts';

export interface UpstreamReply {
  status: number;
  body: unknown;
}

export interface SignInRequestsOptions extends SrpSignInOptions {
  /** Sends an `InitiateAuth` request to cognito-local as the front. */
  initiateUpstream(request: unknown): Promise<UpstreamReply>;
}

export interface SignInRequest {
  target: string | undefined;
  body: unknown;
  /**
   * Sent with the admin token: local tooling may sign in with `USER_PASSWORD_AUTH` in one request
   * even though the app's client (like the deployed one) does not allow it.
   */
  tooling: boolean;
}

export interface SignInRequests {
  /**
   * The reply to send; or the request to pass to cognito-local in its stead (`forward`); or null to
   * pass it unchanged.
   */
  handle(request: SignInRequest): Promise<UpstreamReply | { forward: unknown } | null>;
}

/** Operations that name the user by `Username`, which may be an alias (cognito-local knows none). */
const ALIASED_USERNAME_OPERATIONS: ReadonlySet<string> = new Set(['ForgotPassword', 'ConfirmForgotPassword'].map((name) => `${TARGET_PREFIX}${name}`));

interface InitiateAuthInput {
  AuthFlow?: unknown;
  ClientId?: unknown;
  ClientMetadata?: unknown;
  AuthParameters?: { USERNAME?: unknown };
}

export function createSignInRequests(options: SignInRequestsOptions): SignInRequests {
  const srp = createSrpSignIn(options);

  async function passwordSignIn(request: unknown): Promise<UpstreamReply> {
    const reply = await options.initiateUpstream(request);
    return reply.status === 200 ? reply : { status: reply.status, body: toCognitoSignInError(reply.body) };
  }

  // cognito-local finds users by username and by `UsernameAttributes`, not by an alias: the directory does.
  async function withResolvedUsername(input: InitiateAuthInput): Promise<InitiateAuthInput> {
    const username = input.AuthParameters?.USERNAME;
    if (typeof username !== 'string' || typeof input.ClientId !== 'string') return input;
    const user = await options.directory.user(input.ClientId, username);
    return user === null ? input : { ...input, AuthParameters: { ...input.AuthParameters, USERNAME: user.userId } };
  }

  async function withResolvedAlias(body: unknown): Promise<{ forward: unknown } | null> {
    const input = (body ?? {}) as { ClientId?: unknown; Username?: unknown };
    if (typeof input.Username !== 'string' || typeof input.ClientId !== 'string') return null;
    const user = await options.directory.user(input.ClientId, input.Username);
    return user === null ? null : { forward: { ...input, Username: user.userId } };
  }

  return {
    async handle({ target, body, tooling }) {
      const input = (body ?? {}) as InitiateAuthInput & PasswordVerifierRequest & { ChallengeName?: unknown };
      if (target === `${TARGET_PREFIX}InitiateAuth`) {
        const client = typeof input.ClientId === 'string' ? await options.directory.client(input.ClientId) : null;
        if (client === null) return null;
        const refusal = authFlowRefusal(input.AuthFlow, client.explicitAuthFlows);
        if (refusal && !(tooling && input.AuthFlow === 'USER_PASSWORD_AUTH')) return { status: 400, body: refusal };
        if (input.AuthFlow === 'USER_SRP_AUTH') return srp.initiate(input);
        if (input.AuthFlow === 'USER_PASSWORD_AUTH') return passwordSignIn(await withResolvedUsername(input));
        return null;
      }
      if (ALIASED_USERNAME_OPERATIONS.has(target ?? '')) return withResolvedAlias(body);
      if (target === `${TARGET_PREFIX}RespondToAuthChallenge` && input.ChallengeName === 'PASSWORD_VERIFIER') {
        const outcome = await srp.verify(input);
        if (!isVerifiedClaim(outcome)) return outcome;
        return passwordSignIn({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: outcome.clientId,
          AuthParameters: { USERNAME: outcome.user.userId, PASSWORD: outcome.user.password },
          ClientMetadata: input.ClientMetadata,
        });
      }
      return null;
    },
  };
}

import type { AuthType } from './auth-config.ts';
import type { EventIdentity } from './identities.ts';

/** One mode's answer. A refusal's `message` says why, for the `UnauthorizedException` and the log. */
export type ModeDecision = { ok: true; identity: EventIdentity | null } | { ok: false; message: string };

/** The authorizer's answer: the mode that admitted the request and `ctx.identity`, or why none did. */
export type AuthDecision = { ok: true; authType: AuthType; identity: EventIdentity | null } | { ok: false; message: string };

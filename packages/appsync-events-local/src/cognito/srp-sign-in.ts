/**
 * `USER_SRP_AUTH` for the local user pool, which cognito-local lacks: `InitiateAuth` answers the
 * `PASSWORD_VERIFIER` challenge, and `RespondToAuthChallenge` checks the password claim. A claim
 * that verifies yields the user, and the front then signs them in upstream with their password,
 * so tokens, triggers and any further challenge are exactly those of a password sign-in.
 *
 * The `SECRET_BLOCK` is 64 random bytes naming server state held here for Cognito's 3 minutes: the
 * user, the client, and the SRP values. It is good for one answer. An unknown user gets a challenge
 * that looks like a real one (a stable made-up `USER_ID_FOR_SRP` and salt) and the same refusal as
 * a wrong password, as Cognito does when it prevents user existence errors.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { INCORRECT_CREDENTIALS, type CognitoErrorBody } from './auth-flows.ts';
import type { DirectoryUser, UserPoolDirectory } from './user-pool-directory.ts';
import {
  isValidClientPublic,
  padHex,
  parseSrpTimestamp,
  passwordClaimKey,
  passwordClaimSignature,
  passwordVerifier,
  randomInt,
  serverEphemeral,
  signaturesMatch,
  srpPoolName,
} from './srp.ts';

export interface InitiateSrpRequest {
  ClientId?: unknown;
  AuthParameters?: { USERNAME?: unknown; SRP_A?: unknown };
}

export interface PasswordVerifierRequest {
  ClientId?: unknown;
  ChallengeResponses?: {
    USERNAME?: unknown;
    PASSWORD_CLAIM_SECRET_BLOCK?: unknown;
    PASSWORD_CLAIM_SIGNATURE?: unknown;
    TIMESTAMP?: unknown;
  };
}

export type SrpReply = { status: 200; body: unknown } | { status: 400; body: CognitoErrorBody };

/** A password claim that verified: sign `user` in to `clientId`. */
export interface VerifiedClaim {
  clientId: string;
  user: DirectoryUser;
}

export interface SrpSignIn {
  initiate(request: InitiateSrpRequest): Promise<SrpReply>;
  verify(request: PasswordVerifierRequest): Promise<VerifiedClaim | SrpReply>;
}

export interface SrpSignInOptions {
  directory: UserPoolDirectory;
  /** Default `Date.now`. */
  now?: () => number;
}

/** How long a challenge can be answered: Cognito's session length. */
export const SRP_SESSION_MS = 3 * 60_000;
/** How far a `TIMESTAMP` may be from the server's clock. Cognito accepts some skew; so do we. */
export const TIMESTAMP_SKEW_MS = 5 * 60_000;

const SALT_BYTES = 16;
const SECRET_BLOCK_BYTES = 64;
const EXPIRED_SESSION: CognitoErrorBody = { __type: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' };

interface Session {
  clientId: string;
  poolName: string;
  userId: string;
  /** Null for a user that does not exist: the claim is refused whatever it says. */
  user: DirectoryUser | null;
  A: bigint;
  B: bigint;
  b: bigint;
  verifier: bigint;
  expiresAt: number;
}

export function createSrpSignIn(options: SrpSignInOptions): SrpSignIn {
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Session>();
  const decoySecret = randomBytes(32);

  function sweep(time: number): void {
    for (const [key, session] of sessions) if (session.expiresAt <= time) sessions.delete(key);
  }

  return {
    async initiate(request) {
      const clientId = request.ClientId;
      const username = request.AuthParameters?.USERNAME;
      const srpA = request.AuthParameters?.SRP_A;
      if (typeof clientId !== 'string') return invalid('Missing required parameter ClientId');
      if (typeof username !== 'string' || username === '') return invalid('Missing required parameter USERNAME');
      if (typeof srpA !== 'string' || !/^[0-9a-fA-F]+$/.test(srpA)) return invalid('Missing required parameter SRP_A');
      const A = BigInt(`0x${srpA}`);
      if (!isValidClientPublic(A)) return invalid('SRP_A is invalid');
      const client = await options.directory.client(clientId);
      if (client === null) return { status: 400, body: { __type: 'ResourceNotFoundException', message: `User pool client ${clientId} does not exist.` } };

      const user = await options.directory.user(clientId, username);
      // An unknown user costs the same work as a known one, so timing tells nobody who has an account.
      const { userId, salt, password } = user
        ? { userId: user.userId, salt: randomInt(SALT_BYTES), password: user.password }
        : { ...decoyFor(decoySecret, clientId, username), password: randomBytes(16).toString('hex') };
      const poolName = srpPoolName(client.userPoolId);
      const verifier = passwordVerifier({ poolName, userId, password, salt });
      const { b, B } = serverEphemeral(verifier);
      const secretBlock = randomBytes(SECRET_BLOCK_BYTES).toString('base64');
      const time = now();
      sweep(time);
      sessions.set(secretBlock, { clientId, poolName, userId, user, A, B, b, verifier, expiresAt: time + SRP_SESSION_MS });
      return {
        status: 200,
        body: {
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeParameters: { SALT: padHex(salt), SRP_B: B.toString(16), SECRET_BLOCK: secretBlock, USER_ID_FOR_SRP: userId, USERNAME: userId },
        },
      };
    },

    async verify(request) {
      const responses = request.ChallengeResponses ?? {};
      const secretBlock = responses.PASSWORD_CLAIM_SECRET_BLOCK;
      const { USERNAME: username, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp } = responses;
      if (typeof username !== 'string') return invalid('Missing required parameter USERNAME');
      if (typeof secretBlock !== 'string' || typeof signature !== 'string' || typeof timestamp !== 'string') {
        return invalid('Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE or TIMESTAMP');
      }
      const time = now();
      const session = sessions.get(secretBlock);
      sessions.delete(secretBlock);
      if (!session || session.expiresAt <= time || session.clientId !== request.ClientId) return { status: 400, body: EXPIRED_SESSION };
      const claimedAt = parseSrpTimestamp(timestamp);
      if (claimedAt === null || Math.abs(claimedAt - time) > TIMESTAMP_SKEW_MS) return { status: 400, body: INCORRECT_CREDENTIALS };
      const key = passwordClaimKey(session);
      const expected = key && passwordClaimSignature({ key, poolName: session.poolName, userId: session.userId, secretBlock: Buffer.from(secretBlock, 'base64'), timestamp });
      const signed = expected !== null && signaturesMatch(signature, expected);
      if (!signed || session.user === null || username !== session.userId) return { status: 400, body: INCORRECT_CREDENTIALS };
      return { clientId: session.clientId, user: session.user };
    },
  };
}

/** Tells a verified claim from a reply to send. */
export function isVerifiedClaim(outcome: VerifiedClaim | SrpReply): outcome is VerifiedClaim {
  return 'user' in outcome;
}

/** A made-up but stable identity for a username nobody has, so retries see the same one. */
function decoyFor(secret: Buffer, clientId: string, username: string): { userId: string; salt: bigint } {
  const digest = createHmac('sha256', secret).update(`${clientId}\n${username.toLowerCase()}`).digest();
  const hex = digest.subarray(0, 16).toString('hex');
  const userId = [hex.slice(0, 8), hex.slice(8, 12), `4${hex.slice(13, 16)}`, `a${hex.slice(17, 20)}`, hex.slice(20, 32)].join('-');
  return { userId, salt: BigInt(`0x${digest.subarray(16).toString('hex')}`) };
}

function invalid(message: string): SrpReply {
  return { status: 400, body: { __type: 'InvalidParameterException', message } };
}

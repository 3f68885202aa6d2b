/**
 * Test support: aws-amplify's own client half of SRP (its helpers, which the package does not
 * export, imported by path), to answer a `PASSWORD_VERIFIER` challenge exactly as the app would.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface AmplifyBigInteger {
  toString(radix: number): string;
}

/** The part of aws-amplify's SRP helpers these tests use, typed. */
export interface AmplifySrp {
  getAuthenticationHelper(poolName: string): Promise<AmplifyHelper>;
  getNowString(): string;
  getSignatureString(input: { userPoolName: string; username: string; challengeParameters: { SECRET_BLOCK: string }; dateNow: string; hkdf: Uint8Array }): string;
  /** aws-amplify's big integer, from hex. */
  bigInteger(hex: string): unknown;
}

export interface AmplifyHelper {
  A: AmplifyBigInteger;
  k: AmplifyBigInteger;
  getPasswordAuthenticationKey(input: { username: string; password: string; serverBValue: unknown; salt: unknown }): Promise<Uint8Array>;
}

/** Loads aws-amplify's SRP helpers from the installed package. */
export async function loadAmplifySrp(): Promise<AmplifySrp> {
  const packageJson = createRequire(import.meta.url).resolve('@aws-amplify/auth/package.json');
  const srpDir = join(dirname(packageJson), 'dist/esm/providers/cognito/utils/srp');
  const helpers = (await import(pathToFileURL(join(srpDir, 'index.mjs')).href)) as Omit<AmplifySrp, 'bigInteger'>;
  const { BigInteger } = (await import(pathToFileURL(join(srpDir, 'BigInteger/index.mjs')).href)) as { BigInteger: new (hex: string, radix: number) => unknown };
  return {
    getAuthenticationHelper: helpers.getAuthenticationHelper,
    getNowString: helpers.getNowString,
    getSignatureString: helpers.getSignatureString,
    bigInteger: (hex) => new BigInteger(hex, 16),
  };
}

export interface PasswordVerifierChallenge {
  SALT: string;
  SRP_B: string;
  SECRET_BLOCK: string;
  USER_ID_FOR_SRP: string;
  USERNAME: string;
}

export interface PasswordClaim {
  USERNAME: string;
  PASSWORD_CLAIM_SECRET_BLOCK: string;
  TIMESTAMP: string;
  PASSWORD_CLAIM_SIGNATURE: string;
}

export interface AmplifySrpClient {
  /** `SRP_A`, as aws-amplify sends it in `InitiateAuth`. */
  srpA: string;
  /** The `ChallengeResponses` aws-amplify sends for this challenge and password. */
  answer(challenge: PasswordVerifierChallenge, password: string, timestamp?: string): Promise<PasswordClaim>;
}

/** A fresh client (new `a`, new `A`) for the pool with this id. */
export async function createAmplifySrpClient(userPoolId: string): Promise<AmplifySrpClient> {
  const amplify = await loadAmplifySrp();
  const poolName = userPoolId.split('_')[1] ?? '';
  const helper = await amplify.getAuthenticationHelper(poolName);
  return {
    srpA: helper.A.toString(16),
    async answer(challenge, password, timestamp = amplify.getNowString()) {
      const hkdf = await helper.getPasswordAuthenticationKey({
        username: challenge.USER_ID_FOR_SRP,
        password,
        serverBValue: amplify.bigInteger(challenge.SRP_B),
        salt: amplify.bigInteger(challenge.SALT),
      });
      const signature = amplify.getSignatureString({
        userPoolName: poolName,
        username: challenge.USER_ID_FOR_SRP,
        challengeParameters: challenge,
        dateNow: timestamp,
        hkdf,
      });
      return {
        USERNAME: challenge.USER_ID_FOR_SRP,
        PASSWORD_CLAIM_SECRET_BLOCK: challenge.SECRET_BLOCK,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: signature,
      };
    },
  };
}

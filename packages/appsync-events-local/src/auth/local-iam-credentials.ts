/**
 * The emulator's all-roles AWS credentials: what a server-side publisher outside any function (a
 * script, a test) signs with, standing for all the functions' roles at once. Each function signs
 * with its own role's session (`function-sessions.ts`). The secret is drawn anew for every run, like
 * the admin token, and reaches only the emulator's handle and `custom.local` of the outputs file:
 * a page that could sign with it could publish as any function. Pure, given the random source.
 */
export interface LocalIamCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  region: string;
}

/** `node:crypto`'s `randomBytes`, or a stand-in in tests. */
export type RandomBytes = (size: number) => Buffer;

/** Stable and recognisable (`AKIA`: a long-term key); only the secret changes from run to run. */
export const LOCAL_IAM_ACCESS_KEY_ID = 'AKIAEVENTSLOCAL00000';

export function localIamCredentials(random: RandomBytes, location: { accountId: string; region: string }): LocalIamCredentials {
  // 30 bytes are 40 base64 characters, the length of an AWS secret access key.
  return { accessKeyId: LOCAL_IAM_ACCESS_KEY_ID, secretAccessKey: random(30).toString('base64'), ...location };
}

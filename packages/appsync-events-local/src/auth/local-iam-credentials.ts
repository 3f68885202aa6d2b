/**
 * The emulator's static AWS credentials (`LOCAL_IAM_KEYS`): what a server-side publisher outside any
 * function signs with, standing for all the functions' roles at once. Each function signs with its
 * own role's session (`function-sessions.ts`).
 */
export interface LocalIamCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  region: string;
}

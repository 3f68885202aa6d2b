/**
 * The local cloud's all-roles AWS credentials as a process outside it reads them: from
 * `custom.local.iam_credentials` of the outputs file it wrote. The secret is new in every run, so a
 * script or bench that signs as the functions (or writes to the embedded DynamoDB) takes it from
 * the file of the run it talks to.
 */
import type { AmplifyOutputs } from '../core/outputs.ts';

export interface IamKeys {
  accessKeyId: string;
  secretAccessKey: string;
}

export function iamCredentialsFrom(outputs: AmplifyOutputs): IamKeys {
  const keys = outputs.custom.local?.iam_credentials;
  if (!keys) throw new Error('The outputs file has no custom.local.iam_credentials: is it the local cloud\'s?');
  return { accessKeyId: keys.access_key_id, secretAccessKey: keys.secret_access_key };
}

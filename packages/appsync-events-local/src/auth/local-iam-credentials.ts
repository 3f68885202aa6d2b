/** The local cloud's one set of static AWS credentials: what its Lambdas and server-side publishers sign with. */
export interface LocalIamCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  region: string;
}

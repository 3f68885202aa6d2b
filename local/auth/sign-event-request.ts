/**
 * Signs an AppSync Events request with SigV4 the way a Lambda or other server-side publisher
 * does (`@smithy/signature-v4`, service `appsync`), for the local cloud's own publishers and
 * for tests.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

export interface SignEventRequestInput {
  /** The HTTP endpoint: `…/event` (also what WebSocket frames sign). */
  url: string;
  /** Exactly the body sent, e.g. `{"channel":"/ns/a","events":["…"]}` or `{}` for a connect. */
  body: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region: string;
  /** Defaults to now; set it to produce a stale signature in tests. */
  signingDate?: Date;
}

/**
 * Headers to send, lower-cased: `accept`, `content-type`, `host`, `x-amz-date`,
 * `x-amz-content-sha256`, `authorization` (and `x-amz-security-token` with temporary credentials).
 * On the WebSocket, they are the frame's `authorization` object.
 */
export async function signEventRequest(input: SignEventRequestInput): Promise<Record<string, string>> {
  const url = new URL(input.url);
  const signer = new SignatureV4({
    credentials: input.credentials,
    region: input.region,
    service: 'appsync',
    sha256: Sha256,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: {},
      headers: {
        accept: 'application/json, text/javascript',
        'content-type': 'application/json; charset=UTF-8',
        host: url.host,
      },
      body: input.body,
    },
    { signingDate: input.signingDate },
  );
  return { ...signed.headers };
}

/**
 * Signs an AppSync Events request with SigV4 as a server-side publisher does (service `appsync`,
 * `POST /event`, the same headers as `@smithy/signature-v4` sends), for tools and tests that
 * publish to the emulator with local IAM credentials.
 */
import { createHash } from 'node:crypto';
import { sigV4Signature, type SigningCredentials } from './sigv4.ts';

export interface SignEventRequestInput {
  /** The HTTP endpoint, `…/event`; WebSocket frames sign the same URL. */
  url: string;
  /** Exactly the body sent: `{}` for a connect, `{"channel":…}` for a subscribe, the publish body. */
  body: string;
  credentials: SigningCredentials;
  region: string;
  /** Default: now. */
  date?: Date;
}

/** Headers to send, lower-cased; on the WebSocket they are the `authorization` object. */
export function signEventRequest(input: SignEventRequestInput): Record<string, string> {
  const amzDate = (input.date ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const headers: Record<string, string> = {
    accept: 'application/json, text/javascript',
    'content-type': 'application/json; charset=UTF-8',
    host: new URL(input.url).host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': createHash('sha256').update(input.body).digest('hex'),
    ...(input.credentials.sessionToken === undefined ? {} : { 'x-amz-security-token': input.credentials.sessionToken }),
  };
  const signedHeaders = Object.keys(headers).sort();
  const scope = { date: amzDate.slice(0, 8), region: input.region, service: 'appsync' };
  const signature = sigV4Signature({ method: 'POST', path: '/event', headers, signedHeaders, body: input.body, amzDate, scope, secretAccessKey: input.credentials.secretAccessKey });
  const credential = `${input.credentials.accessKeyId}/${scope.date}/${input.region}/appsync/aws4_request`;
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}` };
}

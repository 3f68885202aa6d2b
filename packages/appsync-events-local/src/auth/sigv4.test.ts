import { describe, expect, it } from 'vitest';
import { signEventRequest } from './sign-event-request.ts';
import { parseAmzDate, parseSigV4Authorization, verifyEventSignature } from './sigv4.ts';

// Produced by @smithy/signature-v4 (what the AWS SDK and Amplify sign with) for these inputs, so the
// emulator's SigV4 is checked against the real signer rather than against itself.
const SIGNED_AT = new Date('2026-03-01T12:00:00Z');
const PUBLISH_BODY = '{"channel":"/chat/room-1","events":["{\\"text\\":\\"hi\\"}"]}';
const SMITHY_PUBLISH = {
  accept: 'application/json, text/javascript',
  'content-type': 'application/json; charset=UTF-8',
  host: 'example.appsync-api.us-east-1.amazonaws.com',
  'x-amz-date': '20260301T120000Z',
  'x-amz-content-sha256': '3163be3d6318beafdb65e44bb914faad61ebd1cb069b846ab09c646372bf62fd',
  authorization:
    'AWS4-HMAC-SHA256 Credential=AKIDLOCALEXAMPLE/20260301/us-east-1/appsync/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=a62835ccba053c3758ba9eea110e72587c93b913c17b645e8b6ceb99b43837c1',
};
const SMITHY_SESSION_CONNECT = {
  accept: 'application/json, text/javascript',
  'content-type': 'application/json; charset=UTF-8',
  host: 'example.appsync-api.us-east-1.amazonaws.com',
  'x-amz-date': '20260301T120000Z',
  'x-amz-security-token': 'session/token==',
  'x-amz-content-sha256': '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  authorization:
    'AWS4-HMAC-SHA256 Credential=ASIALOCALEXAMPLE/20260301/us-east-1/appsync/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=1d21dcfbca90bdc30bfa3a39cd5a8f20eb14a4c24427ab19835540a2c51929fc',
};
const USER = { accessKeyId: 'AKIDLOCALEXAMPLE', secretAccessKey: 'local/secret+KEY' };
const SESSION = { accessKeyId: 'ASIALOCALEXAMPLE', secretAccessKey: 'session-secret', sessionToken: 'session/token==' };
const known = (id: string) => [USER, SESSION].find((credentials) => credentials.accessKeyId === id);

describe('verifyEventSignature', () => {
  it('accepts a publish signed by the AWS SDK signer', () => {
    const check = verifyEventSignature(SMITHY_PUBLISH, PUBLISH_BODY, 'us-east-1', known, SIGNED_AT);

    expect(check).toEqual({ ok: true, accessKeyId: 'AKIDLOCALEXAMPLE' });
  });

  it('accepts a connect signed with temporary credentials and their session token', () => {
    expect(verifyEventSignature(SMITHY_SESSION_CONNECT, '{}', 'us-east-1', known, SIGNED_AT).ok).toBe(true);
  });

  it('refuses temporary credentials without their session token', () => {
    const { 'x-amz-security-token': _dropped, ...headers } = SMITHY_SESSION_CONNECT;

    const check = verifyEventSignature(headers, '{}', 'us-east-1', known, SIGNED_AT);

    expect(check).toEqual({ ok: false, message: 'The security token included in the request is invalid' });
  });

  it('refuses a body other than the one signed', () => {
    const check = verifyEventSignature(SMITHY_PUBLISH, PUBLISH_BODY.replace('hi', 'ho'), 'us-east-1', known, SIGNED_AT);

    expect(check).toEqual({ ok: false, message: 'The request signature we calculated does not match the signature you provided' });
  });

  it('accepts the body re-serialized with other escapes, as AppSync re-serializes frames', () => {
    const respelled = PUBLISH_BODY.replaceAll('/', '\\/');

    expect(verifyEventSignature(SMITHY_PUBLISH, respelled, 'us-east-1', known, SIGNED_AT).ok).toBe(true);
  });

  it('refuses an unknown access key, another region and a signature older than 15 minutes', () => {
    expect(verifyEventSignature(SMITHY_PUBLISH, PUBLISH_BODY, 'us-east-1', () => undefined, SIGNED_AT)).toMatchObject({ ok: false, message: 'The security token included in the request is invalid' });
    expect(verifyEventSignature(SMITHY_PUBLISH, PUBLISH_BODY, 'eu-west-1', known, SIGNED_AT)).toMatchObject({ ok: false, message: 'Credential should be scoped to eu-west-1/appsync/aws4_request' });
    const late = new Date(SIGNED_AT.getTime() + 15 * 60 * 1000 + 1000);
    expect(verifyEventSignature(SMITHY_PUBLISH, PUBLISH_BODY, 'us-east-1', known, late)).toMatchObject({ ok: false, message: expect.stringMatching(/^Signature expired/) });
  });

  it('refuses a signature that leaves host unsigned', () => {
    const headers = signEventRequest({ url: 'https://example.test/event', body: '{}', credentials: USER, region: 'us-east-1', date: SIGNED_AT });
    const authorization = headers.authorization!.replace('host;', '');

    const check = verifyEventSignature({ ...headers, authorization }, '{}', 'us-east-1', known, SIGNED_AT);

    expect(check).toEqual({ ok: false, message: 'Signature must sign the host header' });
  });
});

describe('signEventRequest', () => {
  it('signs exactly as the AWS SDK signer does', () => {
    const headers = signEventRequest({ url: 'https://example.appsync-api.us-east-1.amazonaws.com/event', body: PUBLISH_BODY, credentials: USER, region: 'us-east-1', date: SIGNED_AT });
    const session = signEventRequest({ url: 'https://example.appsync-api.us-east-1.amazonaws.com/event', body: '{}', credentials: SESSION, region: 'us-east-1', date: SIGNED_AT });

    expect(headers).toEqual(SMITHY_PUBLISH);
    expect(session).toEqual(SMITHY_SESSION_CONNECT);
  });
});

describe('parsing', () => {
  it('reads the credential scope and signed headers of an Authorization value', () => {
    expect(parseSigV4Authorization(SMITHY_PUBLISH.authorization)).toEqual({
      accessKeyId: 'AKIDLOCALEXAMPLE',
      scopeDate: '20260301',
      region: 'us-east-1',
      service: 'appsync',
      terminator: 'aws4_request',
      signedHeaders: ['accept', 'content-type', 'host', 'x-amz-content-sha256', 'x-amz-date'],
      signature: 'a62835ccba053c3758ba9eea110e72587c93b913c17b645e8b6ceb99b43837c1',
    });
    expect(parseSigV4Authorization('Bearer abc')).toBeNull();
  });

  it('reads x-amz-date and refuses other forms', () => {
    expect(parseAmzDate('20260301T120000Z')).toEqual(SIGNED_AT);
    expect(parseAmzDate('2026-03-01T12:00:00Z')).toBeNull();
  });
});

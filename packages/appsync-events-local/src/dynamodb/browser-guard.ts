/**
 * What keeps a browser page away from the embedded DynamoDB. Its callers (the Lambdas in-process,
 * tests, benchmarks) are the AWS SDK in Node, which sends neither `Origin` nor `Sec-Fetch-Site`;
 * a browser sends `Origin` on every cross-origin or non-GET request and `Sec-Fetch-Site` on every
 * request. So a request carrying either is refused, as is one not addressed to loopback (DNS
 * rebinding), and no answer ever grants CORS.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { refuseForeignHost } from '../access/host-guard.ts';

/** Answers and returns true when the request is not the local cloud's own. */
export function refuseBrowserRequest(req: IncomingMessage, res: ServerResponse): boolean {
  if (refuseForeignHost(req, res)) return true;
  if (req.headers.origin === undefined && req.headers['sec-fetch-site'] === undefined) return false;
  const body = JSON.stringify({
    __type: 'com.amazonaws.dynamodb.v20120810#AccessDeniedException',
    message: 'The local DynamoDB does not answer browsers: only the local cloud and its tests use it.',
  });
  req.resume();
  res.writeHead(403, { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
  return true;
}

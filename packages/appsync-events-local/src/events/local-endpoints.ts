/**
 * `/_local/*` on the events port: the local cloud's own endpoints (failure injection), which
 * AppSync does not have. Every one of them needs the admin token, takes only JSON, and answers a
 * browser only from the app's origins (`local/access/`), so no other page can drive them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { adminCorsHeaders, adminRefusal, type AdminRefusal } from '../access/admin-request.ts';
import type { LocalAccess } from '../access/local-access.ts';
import type { Faults } from '../faults.ts';
import { handleFaultsRequest } from './faults-endpoint.ts';
import { writeError } from './http-response.ts';
import type { ServiceError } from './service-error.ts';

export const LOCAL_PATH_PREFIX = '/_local/';
const FAULTS_PATH = '/_local/faults';
const JSON_TYPES = ['application/json'];

export interface LocalEndpointsDeps {
  faults: Faults;
  access: LocalAccess;
}

export async function handleLocalRequest(req: IncomingMessage, res: ServerResponse, path: string, deps: LocalEndpointsDeps): Promise<void> {
  const cors = adminCorsHeaders(req.headers.origin, deps.access);
  if (req.method === 'OPTIONS') {
    res.writeHead(204, cors);
    res.end();
    return;
  }
  const refusal = adminRefusal(req.headers, deps.access, JSON_TYPES);
  if (refusal) {
    req.resume();
    return writeError(res, refusalError(refusal), cors);
  }
  if (req.method === 'POST' && path === FAULTS_PATH) return handleFaultsRequest(req, res, deps.faults, cors);
  req.resume();
  return writeError(res, { status: 404, errorType: 'NotFoundException', message: `No route for ${req.method} ${path}` }, cors);
}

function refusalError(refusal: AdminRefusal): ServiceError {
  if (refusal.reason === 'content-type') return { status: 415, errorType: 'UnsupportedMediaTypeException', message: refusal.message };
  if (refusal.reason === 'token') return { status: 401, errorType: 'UnauthorizedException', message: refusal.message };
  return { status: 403, errorType: 'AccessDeniedException', message: refusal.message };
}

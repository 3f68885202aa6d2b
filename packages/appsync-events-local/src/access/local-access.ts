/**
 * Who may drive the local cloud's local-only endpoints (`/_local/*` on the events port, the user
 * pool's admin operations): a process that sends the per-run admin token, and, from a browser,
 * only a page of the app's own origins. Any page open in the developer's browser can send requests
 * to loopback; the token (which no other page can know) and the origin rule keep it from changing
 * the local cloud.
 */
import { randomBytes } from 'node:crypto';

/** The request header that carries the admin token. */
export const ADMIN_TOKEN_HEADER = 'x-appsync-events-local-token';

/** The Vite dev server's origins (`vite.config.ts`: 127.0.0.1, port 5173), by either name. */
export const DEFAULT_APP_ORIGINS: readonly string[] = ['http://localhost:5173', 'http://127.0.0.1:5173'];

export interface LocalAccess {
  /** The per-run secret: 32 random bytes, hex. Written to the outputs file as `custom.local.admin_token`. */
  adminToken: string;
  /** Browser origins allowed to call the local-only endpoints (exact `scheme://host:port`). */
  appOrigins: readonly string[];
}

/** A fresh token for one run of the local cloud. */
export function createLocalAccess(appOrigins: readonly string[] = DEFAULT_APP_ORIGINS): LocalAccess {
  return { adminToken: randomBytes(32).toString('hex'), appOrigins };
}

/**
 * Fetches an OIDC issuer's JWKS the way a relying party does: `<issuer>/.well-known/openid-configuration`,
 * then its `jwks_uri`. Keys are kept per issuer for the life of the returned function (an issuer
 * that rotates keys is read again after `maxAgeMs`).
 */
import type { Jwks } from './jwt.ts';

export type JwksSource = (issuer: string) => Promise<Jwks>;

async function getJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

export function discoverJwks(options: { maxAgeMs?: number; now?: () => Date } = {}): JwksSource {
  const maxAgeMs = options.maxAgeMs ?? 10 * 60 * 1000;
  const now = options.now ?? (() => new Date());
  const cache = new Map<string, { at: number; jwks: Promise<Jwks> }>();
  return (issuer) => {
    const held = cache.get(issuer);
    if (held && now().getTime() - held.at < maxAgeMs) return held.jwks;
    const jwks = (async () => {
      const configuration = await getJson(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
      if (configuration.issuer !== issuer) throw new Error(`Discovery for ${issuer} names issuer ${String(configuration.issuer)}`);
      const keys = await getJson(String(configuration.jwks_uri));
      if (!Array.isArray(keys.keys)) throw new Error(`${String(configuration.jwks_uri)} is not a JWKS`);
      return keys as unknown as Jwks;
    })();
    // A failed fetch is not kept: the next request tries again.
    jwks.catch(() => cache.delete(issuer));
    cache.set(issuer, { at: now().getTime(), jwks });
    return jwks;
  };
}

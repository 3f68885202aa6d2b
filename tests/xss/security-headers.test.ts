import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectSources, contentSecurityPolicy, HOSTING_POLICY, SECURITY_HEADERS } from '../../scripts/security-headers.ts';

const local = {
  auth: { aws_region: 'us-east-1' },
  custom: {
    events: { url: 'http://127.0.0.1:4010/event' },
    API: { parley: { endpoint: 'http://127.0.0.1:4011/' } },
    local: { user_pool_endpoint: 'http://127.0.0.1:4012' },
  },
};
const cloud = {
  auth: { aws_region: 'eu-west-1' },
  custom: {
    events: { url: 'https://abc123.appsync-api.eu-west-1.amazonaws.com/event' },
    API: { parley: { endpoint: 'https://xyz.execute-api.eu-west-1.amazonaws.com/' } },
  },
};

/** `key: value` pairs of customHttp.yml's header list. */
function hostingHeaders(): Record<string, string> {
  const lines = readFileSync('customHttp.yml', 'utf8').split('\n').map((line) => line.trim());
  const pairs: Record<string, string> = {};
  lines.forEach((line, i) => {
    const value = lines[i + 1]?.match(/^value: (.*)$/)?.[1];
    const key = line.match(/^- key: (.*)$/)?.[1];
    if (key && value) pairs[key] = value.replace(/^"(.*)"$/, '$1');
  });
  return pairs;
}

describe('connectSources', () => {
  it('names the local cloud’s events origin over http and ws, its HTTP API and its user pool', () => {
    expect(connectSources(local)).toEqual(['http://127.0.0.1:4010', 'ws://127.0.0.1:4010', 'http://127.0.0.1:4011', 'http://127.0.0.1:4012']);
  });

  it('names the Event API, its realtime host over wss, the HTTP API and Cognito in the cloud', () => {
    expect(connectSources(cloud)).toEqual([
      'https://abc123.appsync-api.eu-west-1.amazonaws.com',
      'wss://abc123.appsync-api.eu-west-1.amazonaws.com',
      'wss://abc123.appsync-realtime-api.eu-west-1.amazonaws.com',
      'https://xyz.execute-api.eu-west-1.amazonaws.com',
      'https://cognito-idp.eu-west-1.amazonaws.com',
    ]);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows no inline script and no eval anywhere, and inline style only in dev', () => {
    for (const target of ['dev', 'header', 'meta'] as const) {
      const policy = contentSecurityPolicy(cloud, target);
      expect(policy).toContain("script-src 'self';");
      expect(policy).not.toContain('unsafe-eval');
      expect(policy.includes("style-src 'self' 'unsafe-inline'")).toBe(target === 'dev');
    }
  });

  it('leaves frame-ancestors out of the meta policy, where browsers ignore it', () => {
    expect(contentSecurityPolicy(local, 'meta')).not.toContain('frame-ancestors');
    expect(contentSecurityPolicy(local, 'header')).toContain("frame-ancestors 'none'");
  });

  it('lets the app connect to its own origin only when there are no outputs', () => {
    expect(contentSecurityPolicy(undefined, 'meta')).toContain("connect-src 'self';");
  });
});

describe('customHttp.yml', () => {
  it('sends the security headers and the endpoint-free policy on Amplify Hosting', () => {
    expect(hostingHeaders()).toMatchObject({ ...SECURITY_HEADERS, 'Content-Security-Policy': HOSTING_POLICY });
  });

  it('does not restrict connections in the header, which would override the meta policy’s endpoints', () => {
    expect(HOSTING_POLICY).not.toMatch(/default-src|connect-src/);
  });
});

import { describe, expect, it } from 'vitest';
import { hostRefusal } from './loopback-host.ts';

describe('hostRefusal', () => {
  it.each(['127.0.0.1:4510', 'localhost:4510', 'LOCALHOST:4510', '[::1]:4510'])('accepts %s on port 4510', (host) => {
    expect(hostRefusal(host, 4510)).toBeNull();
  });

  it.each([
    ['a rebound name', 'evil.example:4510'],
    ['a rebound name without a port', 'evil.example'],
    ['loopback on another port', '127.0.0.1:4511'],
    ['loopback without a port', 'localhost'],
    ['a subdomain of localhost', 'evil.localhost:4510'],
    ['a name that starts like loopback', '127.0.0.1.evil.example:4510'],
    ['a LAN address', '192.168.1.20:4510'],
    ['the wildcard address', '0.0.0.0:4510'],
    ['an empty Host', ''],
  ])('refuses %s', (_, host) => {
    expect(hostRefusal(host, 4510)).toMatch(/is refused: the local cloud answers only requests addressed to loopback/);
  });

  it('refuses a request without a Host header', () => {
    expect(hostRefusal(undefined, 4510)).toMatch(/^A request without a Host header is refused/);
  });
});

/**
 * The Host rule every local server applies: a request must be addressed to loopback by name or
 * address, on the port it arrived on. A page on another site can point its own host name at
 * 127.0.0.1 (DNS rebinding) and then read and write the local cloud as if it were that site; its
 * requests still carry that host name, which is how they are told apart. Pure.
 */

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Why `host` (the Host header) is not loopback on `port`, or null when it is. */
export function hostRefusal(host: string | undefined, port: number): string | null {
  const allowed = LOOPBACK_NAMES.map((name) => `${name}:${port}`);
  if (host !== undefined && allowed.includes(host.toLowerCase())) return null;
  const named = host === undefined || host === '' ? 'A request without a Host header' : `Host ${JSON.stringify(host)}`;
  return `${named} is refused: the local cloud answers only requests addressed to loopback (${allowed.join(', ')}), so that no other site can reach it by pointing its own name at this machine.`;
}

/**
 * Who may create an account, as a deployment chooses it (`PARLEY_SIGNUP`): read by the backend
 * when it configures the user pool and by the pre-sign-up trigger that enforces it, from one
 * spelling. Characters are compared as strings: `core/` has no regex.
 */
import type { Checked } from './checked.ts';
import { refuse } from './checked.ts';

export type SignupPolicy =
  /** Anyone with an email address they can verify. */
  | { kind: 'open' }
  /** Only addresses whose domain is one of these (lower case, exact: a subdomain is listed on its own). */
  | { kind: 'domains'; domains: string[] }
  /** Nobody signs up; administrators create accounts. */
  | { kind: 'invite' };

export const DEFAULT_SIGNUP_POLICY: SignupPolicy = { kind: 'open' };

const DOMAIN_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789-.';

/** A DNS name of at least two labels, each 1–63 of `[a-z0-9-]`, not starting or ending with `-`. */
function isDomain(value: string): boolean {
  const labels = value.split('.');
  return (
    value.length <= 253 &&
    labels.length >= 2 &&
    value.split('').every((c) => DOMAIN_CHARS.includes(c)) &&
    labels.every((label) => label.length >= 1 && label.length <= 63 && !label.startsWith('-') && !label.endsWith('-'))
  );
}

/** `open`, `invite`, or `domains:<comma-separated list>`; blank means the default, `open`. */
export function parseSignupPolicy(raw: string | undefined): Checked<SignupPolicy> {
  const text = (raw ?? '').trim();
  if (text === '' || text === 'open') return { ok: true, value: { kind: 'open' } };
  if (text === 'invite') return { ok: true, value: { kind: 'invite' } };
  if (!text.startsWith('domains:')) return refuse(`"${text}" is not a sign-up policy; use open, invite or domains:<comma-separated list>`);
  const domains = text
    .slice('domains:'.length)
    .split(',')
    .map((domain) => domain.trim().toLowerCase())
    .filter((domain) => domain !== '');
  if (domains.length === 0) return refuse('domains: needs at least one domain, e.g. domains:example.com');
  const bad = domains.find((domain) => !isDomain(domain));
  if (bad !== undefined) return refuse(`"${bad}" is not a domain name`);
  return { ok: true, value: { kind: 'domains', domains } };
}

/** The policy in the spelling `parseSignupPolicy` reads, for the trigger's environment. */
export function formatSignupPolicy(policy: SignupPolicy): string {
  return policy.kind === 'domains' ? `domains:${policy.domains.join(',')}` : policy.kind;
}

/** The domain part of an email address, lower-cased; '' when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
}

/** Whether someone with this email may sign up themselves under the policy. */
export function maySignUp(policy: SignupPolicy, email: string): boolean {
  if (policy.kind === 'open') return true;
  if (policy.kind === 'invite') return false;
  return policy.domains.includes(emailDomain(email));
}

import { describe, expect, it } from 'vitest';
import { emailDomain, formatSignupPolicy, maySignUp, parseSignupPolicy, type SignupPolicy } from './signup-policy.ts';

describe('parseSignupPolicy', () => {
  it('defaults to open, and reads open and invite', () => {
    expect(parseSignupPolicy(undefined)).toEqual({ ok: true, value: { kind: 'open' } });
    expect(parseSignupPolicy('  ')).toEqual({ ok: true, value: { kind: 'open' } });
    expect(parseSignupPolicy('open')).toEqual({ ok: true, value: { kind: 'open' } });
    expect(parseSignupPolicy(' invite ')).toEqual({ ok: true, value: { kind: 'invite' } });
  });

  it('reads a domain list, trimmed and lower-cased', () => {
    expect(parseSignupPolicy('domains: Example.com , team.example.org,')).toEqual({
      ok: true,
      value: { kind: 'domains', domains: ['example.com', 'team.example.org'] },
    });
  });

  it.each([
    ['closed', /not a sign-up policy/],
    ['domains:', /at least one domain/],
    ['domains:localhost', /"localhost" is not a domain/],
    ['domains:exa mple.com', /not a domain/],
    ['domains:-bad.com', /not a domain/],
    ['domains:*.example.com', /not a domain/],
  ])('refuses %s with a reason', (raw, why) => {
    const parsed = parseSignupPolicy(raw);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.error).toMatch(why);
  });

  it('formats what it parses', () => {
    for (const raw of ['open', 'invite', 'domains:example.com,team.example.org']) {
      const parsed = parseSignupPolicy(raw);
      expect(parsed.ok && formatSignupPolicy(parsed.value)).toBe(raw);
    }
  });
});

describe('maySignUp', () => {
  const domains: SignupPolicy = { kind: 'domains', domains: ['example.com'] };

  it('lets anyone in when open, nobody when invite-only', () => {
    expect(maySignUp({ kind: 'open' }, 'a@anywhere.test')).toBe(true);
    expect(maySignUp({ kind: 'invite' }, 'a@example.com')).toBe(false);
  });

  it('matches the exact domain, whatever its case, and nothing that only ends like it', () => {
    expect(maySignUp(domains, 'ann@Example.COM')).toBe(true);
    expect(maySignUp(domains, 'ann@evil-example.com')).toBe(false);
    expect(maySignUp(domains, 'ann@example.com.evil.test')).toBe(false);
    expect(maySignUp(domains, 'ann@sub.example.com')).toBe(false);
    // The domain is what follows the last @.
    expect(maySignUp(domains, '"ann@example.com"@evil.test')).toBe(false);
    expect(maySignUp(domains, 'no-at-sign')).toBe(false);
  });

  it('reads the domain after the last @', () => {
    expect(emailDomain('a@b@Example.com ')).toBe('example.com');
    expect(emailDomain('nobody')).toBe('');
  });
});

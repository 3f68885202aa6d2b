/**
 * A user pool's sign-in attributes, password policy and MFA setting as the template gives them,
 * with Cognito's defaults for what it leaves out. What the emulator cannot honour is refused here,
 * naming the pool: MFA required of every user (`ON`), which needs TOTP or SMS.
 */
import type { AssemblyResource } from '../assembly/read-cloud-assembly.ts';
import { type AliasAttribute, DEFAULT_PASSWORD_POLICY, type UserPoolSettings, type UsernameAttribute } from '../cognito/pool-settings.ts';
import { TemplateNotEmulatedError } from './template-not-emulated-error.ts';

const USERNAME_ATTRIBUTES: readonly string[] = ['email', 'phone_number'];
const ALIAS_ATTRIBUTES: readonly string[] = ['email', 'phone_number', 'preferred_username'];

interface PasswordPolicyProperties {
  MinimumLength?: number;
  RequireLowercase?: unknown;
  RequireUppercase?: unknown;
  RequireNumbers?: unknown;
  RequireSymbols?: unknown;
}

// A template may carry booleans as strings.
const flag = (value: unknown): boolean => value === true || value === 'true';

export function readUserPoolSettings(pool: AssemblyResource): UserPoolSettings {
  const p = pool.properties;
  const list = (name: string, allowed: readonly string[]): string[] => {
    const values = Array.isArray(p[name]) ? (p[name] as unknown[]).map(String) : [];
    const unknown = values.find((value) => !allowed.includes(value));
    if (unknown !== undefined) throw new TemplateNotEmulatedError(pool, `${name} ${unknown} is not a Cognito sign-in attribute (${allowed.join(', ')} are)`);
    return values;
  };
  const usernameAttributes = list('UsernameAttributes', USERNAME_ATTRIBUTES) as UsernameAttribute[];
  const aliasAttributes = list('AliasAttributes', ALIAS_ATTRIBUTES) as AliasAttribute[];
  if (usernameAttributes.length > 0 && aliasAttributes.length > 0) throw new TemplateNotEmulatedError(pool, 'a pool has UsernameAttributes or AliasAttributes, not both (CloudFormation refuses it)');

  const mfa = p.MfaConfiguration ?? 'OFF';
  if (mfa === 'ON') {
    throw new TemplateNotEmulatedError(pool, 'MfaConfiguration ON is not emulated: every sign-in would need a TOTP or SMS code, which the local pool cannot check or send (OFF and OPTIONAL are)');
  }
  if (mfa !== 'OFF' && mfa !== 'OPTIONAL') throw new TemplateNotEmulatedError(pool, `MfaConfiguration ${String(mfa)} is not one of OFF, ON, OPTIONAL`);

  // Cognito's defaults apply to a pool without a policy; a policy's absent Require* are false.
  const policy = (p.Policies as { PasswordPolicy?: PasswordPolicyProperties } | undefined)?.PasswordPolicy;
  return {
    usernameAttributes,
    aliasAttributes,
    passwordPolicy: policy === undefined
      ? DEFAULT_PASSWORD_POLICY
      : {
          minimumLength: Number(policy.MinimumLength ?? DEFAULT_PASSWORD_POLICY.minimumLength),
          requireLowercase: flag(policy.RequireLowercase),
          requireUppercase: flag(policy.RequireUppercase),
          requireNumbers: flag(policy.RequireNumbers),
          requireSymbols: flag(policy.RequireSymbols),
        },
    mfa,
  };
}

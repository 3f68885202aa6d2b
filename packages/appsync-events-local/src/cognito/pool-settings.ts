/**
 * The user pool's settings that decide how users sign in and which passwords they may set, as the
 * template's `AWS::Cognito::UserPool` gives them, and the `CreateUserPool` input that carries them
 * to cognito-local. Pure.
 */

/** What a pool's `UsernameAttributes` may name: the user signs in with it instead of a username. */
export type UsernameAttribute = 'email' | 'phone_number';
/** What a pool's `AliasAttributes` may name: the user has a username and may also sign in with these. */
export type AliasAttribute = 'email' | 'phone_number' | 'preferred_username';

/** `Policies.PasswordPolicy`, with Cognito's defaults where the template leaves a field out. */
export interface PasswordPolicy {
  minimumLength: number;
  requireLowercase: boolean;
  requireUppercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
}

export interface UserPoolSettings {
  /** Empty: users sign in with a username (and any `aliasAttributes`). */
  usernameAttributes: readonly UsernameAttribute[];
  aliasAttributes: readonly AliasAttribute[];
  passwordPolicy: PasswordPolicy;
  /** `MfaConfiguration`. `ON` is refused when the template is read: no TOTP or SMS here. */
  mfa: 'OFF' | 'OPTIONAL';
}

/** What Cognito applies to a pool created without `Policies`. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minimumLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: true,
};

/** As Amplify Gen 2's `defineAuth({ loginWith: { email: true } })` creates the pool. */
export const EMAIL_SIGN_IN: UserPoolSettings = {
  usernameAttributes: ['email'],
  aliasAttributes: [],
  passwordPolicy: DEFAULT_PASSWORD_POLICY,
  mfa: 'OFF',
};

/** The settings part of `CreateUserPool`'s input. */
export function createUserPoolInput(settings: UserPoolSettings): Record<string, unknown> {
  const signsInBy = new Set<string>([...settings.usernameAttributes, ...settings.aliasAttributes]);
  const policy = settings.passwordPolicy;
  const verified = ['email', 'phone_number'].filter((name) => signsInBy.has(name));
  return {
    ...(settings.usernameAttributes.length > 0 && { UsernameAttributes: [...settings.usernameAttributes] }),
    ...(settings.aliasAttributes.length > 0 && { AliasAttributes: [...settings.aliasAttributes] }),
    // cognito-local refuses a sign-up without a code to send when the list is there, even empty.
    ...(verified.length > 0 && { AutoVerifiedAttributes: verified }),
    MfaConfiguration: settings.mfa,
    Policies: {
      PasswordPolicy: {
        MinimumLength: policy.minimumLength,
        RequireLowercase: policy.requireLowercase,
        RequireUppercase: policy.requireUppercase,
        RequireNumbers: policy.requireNumbers,
        RequireSymbols: policy.requireSymbols,
        TemporaryPasswordValidityDays: 7,
      },
    },
    Schema: settings.usernameAttributes.includes('email') ? [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }] : [],
  };
}

/** The pool's sign-in attributes in words, for messages: "by email", "by username (or email)". */
export function describeSignIn(settings: { usernameAttributes: readonly string[]; aliasAttributes: readonly string[] }): string {
  const words = (names: readonly string[]) => names.map((name) => name.replace('_', ' ')).join(' or ');
  if (settings.usernameAttributes.length > 0) return `by ${words(settings.usernameAttributes)} (UsernameAttributes)`;
  return settings.aliasAttributes.length > 0 ? `by username or ${words(settings.aliasAttributes)} (AliasAttributes)` : 'by username';
}

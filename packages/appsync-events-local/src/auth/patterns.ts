/**
 * The provider settings that are regular expressions (`AppIdClientRegex`, OIDC `ClientId`,
 * `IdentityValidationExpression`) must match the whole value: a client id `abc` must not admit
 * `xabcx`. Stricter than a substring search, never looser.
 */
export function fullMatch(pattern: string, value: string): boolean {
  return new RegExp(`^(?:${pattern})$`).test(value);
}

/**
 * The user attributes real Cognito copies into ID tokens but cognito-local 5.3.0 leaves out
 * (it only writes `email`, `email_verified` and custom attributes), such as
 * `preferred_username`. Applied through cognito-local's PreTokenGeneration hook. Pure.
 */

const STRING_CLAIMS = [
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'address',
  'phone_number',
];

/** Claims to add to an ID token for a user with these attributes (values as Cognito types them). */
export function standardIdTokenClaims(userAttributes: Readonly<Record<string, string>>): Record<string, string | number | boolean> {
  const claims: Record<string, string | number | boolean> = {};
  for (const name of STRING_CLAIMS) {
    const value = userAttributes[name];
    if (value !== undefined) claims[name] = value;
  }
  if (userAttributes.phone_number_verified !== undefined) {
    claims.phone_number_verified = userAttributes.phone_number_verified === 'true';
  }
  if (userAttributes.updated_at !== undefined && Number.isFinite(Number(userAttributes.updated_at))) {
    claims.updated_at = Number(userAttributes.updated_at);
  }
  return claims;
}

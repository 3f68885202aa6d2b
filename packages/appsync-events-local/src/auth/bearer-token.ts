/** The token in an `Authorization` value: AppSync and API Gateway accept it with or without `Bearer `. Pure. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const token = authorization?.replace(/^\s*bearer(\s+|$)/i, '').trim();
  return token ? token : undefined;
}

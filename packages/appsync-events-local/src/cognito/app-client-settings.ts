/** The app client's settings as the template gives them, which the local pool's client is seeded with and enforces. */
export interface AppClientSettings {
  /** `ExplicitAuthFlows`: the front refuses any other flow as Cognito does. */
  authFlows: readonly string[];
  /** `WriteAttributes`: what a user may write of their own attributes. */
  writeAttributes: readonly string[];
  /** `AccessTokenValidity` and `IdTokenValidity`, in minutes. */
  tokenValidityMinutes: number;
}

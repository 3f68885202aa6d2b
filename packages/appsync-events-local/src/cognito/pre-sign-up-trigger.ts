/**
 * The pool's Pre Sign-up trigger, run by the Lambda runner as Cognito runs it: cognito-local
 * hands over what it knows of the sign-up, this makes the event Cognito sends (version 1), and
 * a refusal comes back as Cognito words it.
 */
import { UserLambdaValidationError } from 'cognito-local/lib/errors.js';
import { LambdaFunctionError } from '../lambda/lambda-errors.ts';

/** Invokes `functions/pre-sign-up` with a Cognito Pre Sign-up event; resolves with the returned event. */
export type PreSignUpInvoker = (event: Record<string, unknown>) => Promise<unknown>;

/** What cognito-local passes its trigger port for `PreSignUp`. */
export interface CognitoLocalSignUp {
  clientId?: string;
  clientMetadata?: Record<string, string>;
  triggerSource: string;
  userAttributes?: Record<string, string>;
  username: string;
  userPoolId: string;
  validationData?: Record<string, string>;
}

export function preSignUpEvent(signUp: CognitoLocalSignUp, region: string): Record<string, unknown> {
  return {
    version: '1',
    triggerSource: signUp.triggerSource,
    region,
    userPoolId: signUp.userPoolId,
    userName: signUp.username,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: signUp.clientId ?? '' },
    request: {
      userAttributes: signUp.userAttributes ?? {},
      validationData: signUp.validationData,
      clientMetadata: signUp.clientMetadata,
    },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  };
}

/** Runs the trigger; what cognito-local expects back is the event's `response`. */
export async function runPreSignUp(invoke: PreSignUpInvoker, signUp: CognitoLocalSignUp, region: string): Promise<unknown> {
  try {
    const result = (await invoke(preSignUpEvent(signUp, region))) as { response?: unknown } | undefined;
    return result?.response ?? {};
  } catch (error) {
    // Cognito's own wording around the function's error message (the `errorMessage` the Lambda
    // runtime reports): the app shows it to the person signing up.
    const message = error instanceof LambdaFunctionError ? error.errorMessage : error instanceof Error ? error.message : String(error);
    throw new UserLambdaValidationError(`PreSignUp failed with error ${message}.`);
  }
}

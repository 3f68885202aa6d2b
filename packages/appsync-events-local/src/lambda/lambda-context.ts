import type { Context } from 'aws-lambda';
import { logGroupName } from './lambda-environment.ts';

export interface LambdaContextInput {
  functionName: string;
  region: string;
  accountId: string;
  memoryMb: number;
  awsRequestId: string;
  logStreamName: string;
  /** Epoch milliseconds at which the invocation times out. */
  deadline: number;
  now: () => number;
}

/** The `context` argument of one invocation, shaped like the Node.js runtime's. */
export function createLambdaContext(input: LambdaContextInput): Context {
  const unsupported = (name: string) => () => {
    throw new Error(`context.${name}() is not supported by the local Lambda runner; return or throw from the async handler`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: input.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn(input.region, input.accountId, input.functionName),
    memoryLimitInMB: String(input.memoryMb),
    awsRequestId: input.awsRequestId,
    logGroupName: logGroupName(input.functionName),
    logStreamName: input.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, input.deadline - input.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}

export function functionArn(region: string, accountId: string, functionName: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
}

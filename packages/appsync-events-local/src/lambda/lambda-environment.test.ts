import { describe, expect, it } from 'vitest';
import { buildLambdaEnvironment, findReservedKeys, logStreamName } from './lambda-environment.ts';

describe('buildLambdaEnvironment', () => {
  it('adds the variables the Lambda runtime sets to the deployed env', () => {
    const env = buildLambdaEnvironment({
      functionName: 'history',
      region: 'eu-west-1',
      memoryMb: 512,
      nodeMajorVersion: 20,
      logStreamName: '2024/05/01/[$LATEST]abc',
      env: { TABLE_NAME: 'parley', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1234' },
    });

    expect(env).toEqual({
      TABLE_NAME: 'parley',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1234',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      AWS_LAMBDA_FUNCTION_NAME: 'history',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/history',
      AWS_LAMBDA_LOG_STREAM_NAME: '2024/05/01/[$LATEST]abc',
      _HANDLER: 'handler.handler',
    });
  });
});

describe('findReservedKeys', () => {
  it('lists runtime-owned keys but lets local credentials through', () => {
    const reserved = findReservedKeys({
      AWS_REGION: 'x',
      AWS_LAMBDA_FUNCTION_NAME: 'y',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      TABLE_NAME: 'parley',
    });

    expect(reserved).toEqual(['AWS_REGION', 'AWS_LAMBDA_FUNCTION_NAME']);
  });
});

describe('logStreamName', () => {
  it('formats the start date and instance id as Lambda does', () => {
    expect(logStreamName(new Date('2024-05-01T23:59:00Z'), 'f'.repeat(32))).toBe(`2024/05/01/[$LATEST]${'f'.repeat(32)}`);
  });
});

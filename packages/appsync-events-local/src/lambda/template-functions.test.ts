import { describe, expect, it } from 'vitest';
import type { FunctionModel } from '../template/backend-model.ts';
import { localEnvironment, type TemplateFunctionsOptions } from './template-functions.ts';

function fn(name: string): FunctionModel {
  return {
    name,
    physicalId: `App-${name}`,
    codeDir: '/nowhere',
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    environment: { EVENTS_URL: 'https://appsync-events.local.invalid/event' },
    timeoutSeconds: 3,
    memoryMb: 128,
    roleArn: `arn:aws:iam::000000000000:role/App-${name}Role`,
  };
}

const OPTIONS: TemplateFunctionsOptions = {
  dynamoEndpoint: 'http://127.0.0.1:4513',
  credentials: (model) => ({ accessKeyId: `ASIA${model.name.toUpperCase()}`, secretAccessKey: `${model.name}-secret`, sessionToken: `${model.name}-token` }),
  eventsOrigin: () => 'http://127.0.0.1:4510',
};

describe('localEnvironment', () => {
  it("gives each function its own credentials, session token included, and the Event API's local origin", () => {
    const writer = localEnvironment(fn('writer'), OPTIONS);
    const reader = localEnvironment(fn('reader'), OPTIONS);

    expect(writer).toMatchObject({
      EVENTS_URL: 'http://127.0.0.1:4510/event',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4513',
      AWS_ACCESS_KEY_ID: 'ASIAWRITER',
      AWS_SECRET_ACCESS_KEY: 'writer-secret',
      AWS_SESSION_TOKEN: 'writer-token',
    });
    expect(reader).toMatchObject({ AWS_ACCESS_KEY_ID: 'ASIAREADER', AWS_SECRET_ACCESS_KEY: 'reader-secret', AWS_SESSION_TOKEN: 'reader-token' });
  });

  it('sets no session token for long-term keys', () => {
    const env = localEnvironment(fn('writer'), { ...OPTIONS, credentials: () => ({ accessKeyId: 'AKIALONGTERM', secretAccessKey: 'secret' }) });

    expect(env).not.toHaveProperty('AWS_SESSION_TOKEN');
  });
});

import { describe, expect, it } from 'vitest';
import { createLambdaMode, type LambdaAuthorizerRequest } from './lambda-mode.ts';

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:111122223333:function:authorizer';
const API = { apiId: 'abc123', accountId: '111122223333' };

/** A recording authorizer function and a clock the test moves. */
function harness(answer: (request: LambdaAuthorizerRequest) => unknown, config: { ttl?: number; expression?: string } = {}) {
  const calls: { arn: string; request: LambdaAuthorizerRequest }[] = [];
  let now = new Date('2026-03-01T12:00:00Z');
  const mode = createLambdaMode({
    config: { AuthorizerUri: FUNCTION_ARN, AuthorizerResultTtlInSeconds: config.ttl, IdentityValidationExpression: config.expression },
    api: API,
    invoke: async (arn, request) => {
      calls.push({ arn, request });
      return answer(request);
    },
    now: () => now,
    requestId: () => `req-${calls.length + 1}`,
  });
  const advance = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };
  return { mode, calls, advance };
}

const publish = { token: 'token-a', headers: { authorization: 'token-a', host: 'local.test' }, operation: 'EVENT_PUBLISH', namespace: 'chat', channel: '/chat/room-1' } as const;

describe('createLambdaMode', () => {
  it('invokes the function with AppSync Events\' request and admits with its handlerContext', async () => {
    const { mode, calls } = harness(() => ({ isAuthorized: true, handlerContext: { userId: 'u-1', tier: 'gold' } }));

    const decision = await mode.authorize(publish);

    expect(decision).toEqual({ ok: true, identity: { handlerContext: { userId: 'u-1', tier: 'gold' } } });
    expect(calls).toEqual([
      {
        arn: FUNCTION_ARN,
        request: {
          authorizationToken: 'token-a',
          requestContext: { apiId: 'abc123', accountId: '111122223333', requestId: 'req-1', operation: 'EVENT_PUBLISH', channelNamespaceName: 'chat', channel: '/chat/room-1' },
          requestHeaders: { authorization: 'token-a', host: 'local.test' },
        },
      },
    ]);
  });

  it('names no channel on a connect', async () => {
    const { mode, calls } = harness(() => ({ isAuthorized: true }));

    const decision = await mode.authorize({ token: 't', headers: { authorization: 't' }, operation: 'EVENT_CONNECT' });

    expect(decision).toEqual({ ok: true, identity: { handlerContext: {} } });
    expect(calls[0]!.request.requestContext).toEqual({ apiId: 'abc123', accountId: '111122223333', requestId: 'req-1', operation: 'EVENT_CONNECT' });
  });

  it('refuses when the function says isAuthorized false', async () => {
    const { mode } = harness(() => ({ isAuthorized: false }));

    expect(await mode.authorize(publish)).toEqual({ ok: false, message: 'The Lambda authorizer refused the request' });
  });

  it('refuses when the function fails or answers without a boolean isAuthorized', async () => {
    const failing = harness(() => {
      throw new Error('boom');
    });
    const vague = harness(() => ({ isAuthorized: 'yes' }));

    expect(await failing.mode.authorize(publish)).toEqual({ ok: false, message: 'The Lambda authorizer failed: boom' });
    expect(await vague.mode.authorize(publish)).toMatchObject({ ok: false, message: expect.stringContaining('invalid response') });
  });

  it('answers from its cache within AuthorizerResultTtlInSeconds, and asks again after', async () => {
    let verdict = true;
    const { mode, calls, advance } = harness(() => ({ isAuthorized: verdict }), { ttl: 60 });

    const first = await mode.authorize(publish);
    verdict = false;
    advance(59);
    const cached = await mode.authorize(publish);
    advance(1);
    const fresh = await mode.authorize(publish);

    expect(first.ok).toBe(true);
    expect(cached.ok).toBe(true);
    expect(fresh.ok).toBe(false);
    expect(calls).toHaveLength(2);
  });

  it('caches a refusal as well', async () => {
    const { mode, calls } = harness(() => ({ isAuthorized: false }), { ttl: 300 });

    await mode.authorize(publish);
    const again = await mode.authorize(publish);

    expect(again.ok).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('lets ttlOverride replace the configured TTL, 0 meaning not cached', async () => {
    const { mode, calls, advance } = harness(() => ({ isAuthorized: true, ttlOverride: 0 }), { ttl: 300 });

    await mode.authorize(publish);
    advance(1);
    await mode.authorize(publish);

    expect(calls).toHaveLength(2);
  });

  it('does not reuse a decision for another channel, operation or token', async () => {
    const { mode, calls } = harness(() => ({ isAuthorized: true }), { ttl: 300 });

    await mode.authorize(publish);
    await mode.authorize({ ...publish, channel: '/chat/room-2' });
    await mode.authorize({ ...publish, operation: 'EVENT_SUBSCRIBE' });
    await mode.authorize({ ...publish, token: 'token-b' });

    expect(calls).toHaveLength(4);
  });

  it('does not cache when no TTL is configured', async () => {
    const { mode, calls } = harness(() => ({ isAuthorized: true }));

    await mode.authorize(publish);
    await mode.authorize(publish);

    expect(calls).toHaveLength(2);
  });

  it('refuses a token IdentityValidationExpression does not match without invoking the function', async () => {
    const { mode, calls } = harness(() => ({ isAuthorized: true }), { expression: 'token-[a-z]' });

    const refused = await mode.authorize({ ...publish, token: 'other-token' });
    const admitted = await mode.authorize(publish);

    expect(refused).toEqual({ ok: false, message: 'The token does not match the authorizer IdentityValidationExpression' });
    expect(admitted.ok).toBe(true);
    expect(calls).toHaveLength(1);
  });
});

import { Amplify } from 'aws-amplify';
import { ConsoleLogger } from 'aws-amplify/utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isLocalModeNotice, quietLocalWarnings } from './quiet-local-warnings.ts';

const NOTICE = 'You are using a custom Amazon Amazon Cognito User Pool endpoint, ensure the endpoint is correct.';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('isLocalModeNotice', () => {
  it.each([
    ['the Auth logger’s user pool endpoint warning', 'Auth', [NOTICE], true],
    ['the same warning with the word Amazon once', 'Auth', [NOTICE.replace('Amazon Amazon', 'Amazon')], true],
    ['the same text from another logger', 'API', [NOTICE], false],
    ['the identity pool endpoint warning', 'Auth', [NOTICE.replace('User Pool', 'Identity Pool')], false],
    ['the warning with more text', 'Auth', [`${NOTICE} Really.`], false],
    ['the warning with a detail argument', 'Auth', [NOTICE, { endpoint: 'x' }], false],
    ['any other warning', 'Auth', ['Token refresh failed'], false],
  ])('%s: %s', (_what, loggerName, message, expected) => {
    expect(isLocalModeNotice(loggerName, message)).toBe(expected);
  });
});

describe('quietLocalWarnings', () => {
  it('drops the user pool endpoint warning of Amplify.configure and keeps the identity pool one', () => {
    quietLocalWarnings();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    Amplify.configure({
      Auth: {
        Cognito: {
          userPoolId: 'us-east-1_local',
          userPoolClientId: 'client',
          userPoolEndpoint: 'http://127.0.0.1:9229',
          identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000',
          identityPoolEndpoint: 'http://127.0.0.1:9230',
        },
      },
    });

    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('Auth - You are using a custom Amazon Amazon Cognito Identity Pool endpoint');
  });

  it('passes other warnings, other loggers and other levels through, once each when called twice', () => {
    quietLocalWarnings();
    quietLocalWarnings();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});

    new ConsoleLogger('Auth').warn('Token refresh failed');
    new ConsoleLogger('API').warn(NOTICE);
    new ConsoleLogger('Auth').error(NOTICE);

    expect(warn.mock.calls.map(([line]) => String(line).replace(/^\[WARN\] [\d:.]+ /, ''))).toEqual([
      'Auth - Token refresh failed',
      `API - ${NOTICE}`,
    ]);
    expect(error).toHaveBeenCalledTimes(1);
  });
});

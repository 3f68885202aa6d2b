import { describe, expect, it } from 'vitest';
import { checkOutputs, withoutLocalSecrets } from './outputs.ts';

const deployed = {
  version: '1.4',
  auth: { aws_region: 'eu-west-1', user_pool_id: 'eu-west-1_x', user_pool_client_id: 'client' },
  custom: {
    events: { url: 'https://x.appsync-api.eu-west-1.amazonaws.com/event', aws_region: 'eu-west-1', default_authorization_type: 'AMAZON_COGNITO_USER_POOLS' },
    API: { parley: { endpoint: 'https://api.example/', region: 'eu-west-1', apiName: 'parley' } },
  },
  data: { kept: 'as Amplify wrote it' },
};
const IAM_CREDENTIALS = { access_key_id: 'AKIAEVENTSLOCAL00000', secret_access_key: 'run-secret' };

describe('the outputs file', () => {
  it('accepts a deployment’s file and keeps what Amplify reads besides', () => {
    const checked = checkOutputs(deployed);

    expect(checked).toEqual({ ok: true, value: deployed });
  });

  it('accepts the local cloud’s file with its demo users and run secrets, and the page’s copy without them', () => {
    const localPart = { user_pool_endpoint: 'http://127.0.0.1:1', users: [{ username: 'a@x', password: 'p', displayName: 'A', groups: [] }] };
    const local = { ...deployed, custom: { ...deployed.custom, local: { ...localPart, admin_token: 'f00d', iam_credentials: IAM_CREDENTIALS } } };

    expect(checkOutputs(local).ok).toBe(true);
    expect(checkOutputs(withoutLocalSecrets(local)).ok).toBe(true);
  });

  it.each([
    ['not an object', [], 'the outputs file is not a JSON object'],
    ['a file written before the backend was deployed', { version: '1.4' }, 'auth is missing: is the backend deployed?; custom.events needs url and aws_region: is the backend deployed?; custom.API is missing'],
    ['an auth without a client', { ...deployed, auth: { aws_region: 'r', user_pool_id: 'p' } }, 'auth lacks user_pool_client_id'],
    ['an API without an endpoint', { ...deployed, custom: { ...deployed.custom, API: { parley: { region: 'r' } } } }, 'custom.API.parley needs endpoint and region'],
    [
      'a demo user without groups',
      { ...deployed, custom: { ...deployed.custom, local: { user_pool_endpoint: 'http://x', users: [{ username: 'a', password: 'p', displayName: 'A' }] } } },
      'custom.local.users[0] needs username, password, displayName and groups',
    ],
    [
      'an empty admin token',
      { ...deployed, custom: { ...deployed.custom, local: { user_pool_endpoint: 'http://x', users: [], admin_token: '' } } },
      'custom.local.admin_token must be a non-empty string',
    ],
    [
      'IAM credentials without a secret',
      { ...deployed, custom: { ...deployed.custom, local: { user_pool_endpoint: 'http://x', users: [], iam_credentials: { access_key_id: 'AKIA' } } } },
      'custom.local.iam_credentials needs access_key_id and secret_access_key',
    ],
  ])('refuses %s, saying what is missing', (_what, value, error) => {
    expect(checkOutputs(value)).toEqual({ ok: false, error });
  });
});

describe('withoutLocalSecrets', () => {
  it('takes the admin token and the IAM credentials out of the local cloud’s file and keeps the rest', () => {
    const local = { user_pool_endpoint: 'http://127.0.0.1:1', users: [], admin_token: 'f00d', iam_credentials: IAM_CREDENTIALS };

    const copy = withoutLocalSecrets({ ...deployed, custom: { ...deployed.custom, local } });

    expect(copy).toEqual({ ...deployed, custom: { ...deployed.custom, local: { user_pool_endpoint: 'http://127.0.0.1:1', users: [] } } });
    expect(JSON.stringify(copy)).not.toContain('f00d');
    expect(JSON.stringify(copy)).not.toContain('run-secret');
  });

  it.each([['a deployment’s file', deployed], ['something else', [1, 2]], ['null', null]])('passes %s through unchanged', (_what, value) => {
    expect(withoutLocalSecrets(value)).toBe(value);
  });
});

import { describe, expect, it } from 'vitest';
import { backendTypeOf, DeploySettingsError, readDeploySettings, SANDBOX_APP_ORIGINS } from './deploy-settings.ts';

const HOSTED = 'https://main.d1234abcd.amplifyapp.com';

describe('readDeploySettings: app origins', () => {
  it('refuses a branch deploy without PARLEY_APP_ORIGINS, naming the variable', () => {
    expect(() => readDeploySettings({}, 'branch')).toThrow(DeploySettingsError);
    expect(() => readDeploySettings({ PARLEY_APP_ORIGINS: '  ' }, 'branch')).toThrow(/PARLEY_APP_ORIGINS is not set/);
  });

  it('gives a sandbox the Vite dev server origins when unset', () => {
    expect(readDeploySettings({}, 'sandbox').appOrigins).toEqual(SANDBOX_APP_ORIGINS);
  });

  it('trims each origin and drops empty entries', () => {
    const settings = readDeploySettings({ PARLEY_APP_ORIGINS: ` ${HOSTED} , https://chat.example.com/ ,` }, 'branch');
    expect(settings.appOrigins).toEqual([HOSTED, 'https://chat.example.com']);
  });

  it.each([
    ['main.d1234abcd.amplifyapp.com', /does not parse/],
    ['http://chat.example.com', /must use https/],
    ['https://chat.example.com/app', /path, query/],
    ['https://user@chat.example.com', /path, query, fragment or credentials/],
    ['*', /wildcard/],
  ])('refuses %s, naming it', (value, why) => {
    expect(() => readDeploySettings({ PARLEY_APP_ORIGINS: `${HOSTED},${value}` }, 'branch')).toThrow(why);
    expect(() => readDeploySettings({ PARLEY_APP_ORIGINS: value }, 'sandbox')).toThrow(`"${value}"`);
  });

  it('accepts plain http on loopback only', () => {
    expect(readDeploySettings({ PARLEY_APP_ORIGINS: 'http://localhost:4173' }, 'sandbox').appOrigins).toEqual(['http://localhost:4173']);
  });
});

describe('readDeploySettings: alarms, logs, concurrency, retention', () => {
  const branch = (env: Record<string, string>) => readDeploySettings({ PARLEY_APP_ORIGINS: HOSTED, ...env }, 'branch');

  it('emails alarms only when PARLEY_ALARM_EMAIL is set, and checks it', () => {
    expect(branch({}).alarmEmail).toBeUndefined();
    expect(branch({ PARLEY_ALARM_EMAIL: ' ops@example.com ' }).alarmEmail).toBe('ops@example.com');
    expect(() => branch({ PARLEY_ALARM_EMAIL: 'ops' })).toThrow(/PARLEY_ALARM_EMAIL is "ops"/);
  });

  it('logs Event API errors by default; the level is configurable and checked', () => {
    expect(branch({}).eventApiLogLevel).toBe('ERROR');
    expect(branch({ PARLEY_EVENT_API_LOG_LEVEL: 'info' }).eventApiLogLevel).toBe('INFO');
    expect(() => branch({ PARLEY_EVENT_API_LOG_LEVEL: 'LOUD' })).toThrow(/NONE, ERROR, INFO, DEBUG, ALL/);
  });

  it('reserves concurrency for the functions a flood goes through, overridable per function or off', () => {
    expect(branch({}).reservedConcurrency).toEqual({ 'persist-messages': 100, 'throttle-signals': 20, 'create-room': 5, profile: 10, reports: 5, members: 10 });
    expect(branch({ PARLEY_RESERVED_CONCURRENCY: 'persist-messages=50, history=10' }).reservedConcurrency).toEqual({
      'persist-messages': 50,
      'throttle-signals': 20,
      'create-room': 5,
      profile: 10,
      reports: 5,
      members: 10,
      history: 10,
    });
    expect(branch({ PARLEY_RESERVED_CONCURRENCY: 'none' }).reservedConcurrency).toEqual({});
    expect(() => branch({ PARLEY_RESERVED_CONCURRENCY: 'persist=5' })).toThrow(/"persist=5"/);
    expect(() => branch({ PARLEY_RESERVED_CONCURRENCY: 'create-room=0' })).toThrow(/at least 1/);
  });

  it('lets anyone sign up by default; PARLEY_SIGNUP limits it to domains or invitations, and is checked', () => {
    expect(branch({}).signup).toEqual({ kind: 'open' });
    expect(branch({ PARLEY_SIGNUP: 'domains:Example.com' }).signup).toEqual({ kind: 'domains', domains: ['example.com'] });
    expect(branch({ PARLEY_SIGNUP: 'invite' }).signup).toEqual({ kind: 'invite' });
    expect(() => branch({ PARLEY_SIGNUP: 'domains:*' })).toThrow(/PARLEY_SIGNUP: "\*" is not a domain name/);
  });

  it('retains the user pool on branch deploys only', () => {
    expect(branch({}).retainUserPool).toBe(true);
    expect(readDeploySettings({}, 'sandbox').retainUserPool).toBe(false);
  });

  it('holds anything but an explicit sandbox to branch rules', () => {
    expect(backendTypeOf('sandbox')).toBe('sandbox');
    expect(backendTypeOf('branch')).toBe('branch');
    expect(backendTypeOf(undefined)).toBe('branch');
  });
});

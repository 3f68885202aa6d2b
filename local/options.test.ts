import { describe, expect, it } from 'vitest';
import { DEFAULT_OUTPUTS_FILE, DEFAULT_PORT, parseCliOptions, UsageError } from './options.ts';

describe('parseCliOptions', () => {
  it('defaults to the fixed port, on-disk data and the default outputs file', () => {
    expect(parseCliOptions([])).toEqual({
      port: DEFAULT_PORT,
      memory: false,
      outputsFile: DEFAULT_OUTPUTS_FILE,
      dynamo: 'dynalite',
    });
  });

  it('reads every flag', () => {
    const options = parseCliOptions([
      '--port', '0', '--data', '/tmp/x', '--outputs', 'o.json', '--dynamo', 'dynamodb-local', '--rate-limit', '5/2',
    ]);

    expect(options).toEqual({
      port: 0,
      memory: false,
      dataDir: '/tmp/x',
      outputsFile: 'o.json',
      dynamo: 'dynamodb-local',
      rateLimit: { count: 5, seconds: 2 },
    });
  });

  it('turns the rate limit off', () => {
    expect(parseCliOptions(['--rate-limit', 'off']).rateLimit).toBe('off');
  });

  it('reads the room limit and the sign-up policy, as the deployment spells them', () => {
    const options = parseCliOptions(['--room-limit', '3/60', '--signup', 'domains:example.com']);

    expect(options.roomLimit).toEqual({ count: 3, seconds: 60 });
    expect(options.signup).toEqual({ kind: 'domains', domains: ['example.com'] });
    expect(parseCliOptions(['--room-limit', 'off', '--signup', 'invite'])).toMatchObject({ roomLimit: 'off', signup: { kind: 'invite' } });
  });

  it('reads the number of load users', () => {
    expect(parseCliOptions(['--load-users', '200']).loadUsers).toBe(200);
  });

  it('collects every --app-origin', () => {
    expect(parseCliOptions(['--app-origin', 'http://localhost:3000', '--app-origin', 'https://127.0.0.1:8443']).appOrigins).toEqual([
      'http://localhost:3000',
      'https://127.0.0.1:8443',
    ]);
  });

  it.each([
    [['--port', 'x'], /--port must be/],
    [['--port', '70000'], /--port must be/],
    [['--port'], /--port needs a value/],
    [['--rate-limit', '20'], /--rate-limit must be/],
    [['--rate-limit', '0/10'], /--rate-limit must be/],
    [['--dynamo', 'mongo'], /--dynamo must be/],
    [['--room-limit', '10'], /--room-limit must be off or/],
    [['--signup', 'closed'], /--signup: "closed" is not a sign-up policy/],
    [['--load-users', '-1'], /--load-users must be/],
    [['--load-users', '2001'], /--load-users must be/],
    [['--app-origin', 'localhost:5173'], /--app-origin must be an origin/],
    [['--app-origin', 'http://localhost:5173/'], /--app-origin must be an origin/],
    [['--app-origin', 'file:///tmp/page.html'], /--app-origin must be an origin/],
    [['--memory', '--data', 'd'], /exclude each other/],
    [['--frobnicate'], /unknown flag --frobnicate/],
  ])('rejects %j with a usage error', (argv, message) => {
    expect(() => parseCliOptions(argv)).toThrow(UsageError);
    expect(() => parseCliOptions(argv)).toThrow(message);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_OUTPUTS_FILE, DEFAULT_PORT, parseCliArgs, UsageError } from './cli-options.ts';

function usageError(argv: string[]): string {
  try {
    parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`${argv.join(' ')} parsed`);
}

describe('parseCliArgs', () => {
  it('fills the defaults around the one required flag: in memory, the default port and outputs file, dynalite', () => {
    const command = parseCliArgs(['--cdk-out', 'cdk.out']);

    expect(command).toEqual({
      kind: 'run',
      options: { assemblyDir: 'cdk.out', port: DEFAULT_PORT, outputsFile: DEFAULT_OUTPUTS_FILE, dynamo: 'dynalite' },
    });
  });

  it('reads every flag', () => {
    const command = parseCliArgs([
      '--cdk-out', 'out',
      '--port', '0',
      '--data', '.state',
      '--outputs', 'amplify_outputs.json',
      '--users', 'users.json',
      '--dynamo', 'dynamodb-local',
      '--region', 'eu-west-1',
      '--app-origin', 'http://localhost:3000',
      '--app-origin', 'https://app.test:8443',
    ]);

    expect(command).toEqual({
      kind: 'run',
      options: {
        assemblyDir: 'out',
        port: 0,
        dataDir: '.state',
        outputsFile: 'amplify_outputs.json',
        usersFile: 'users.json',
        dynamo: 'dynamodb-local',
        region: 'eu-west-1',
        appOrigins: ['http://localhost:3000', 'https://app.test:8443'],
      },
    });
  });

  it('answers help wherever --help or -h stands, without requiring anything else', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--port', '1', '-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], '--cdk-out <dir> is required: the directory `cdk synth` wrote'],
    [['--cdk-out'], '--cdk-out needs a value'],
    [['--cdk-out', '--memory'], '--cdk-out needs a value'],
    [['--cdk-out', 'out', '--memory', '--data', 'dir'], '--memory and --data exclude each other'],
    [['--cdk-out', 'out', '--port', 'x'], '--port must be 0 (free ports) or 1–65532, got x'],
    [['--cdk-out', 'out', '--port', '65533'], '--port must be 0 (free ports) or 1–65532, got 65533'],
    [['--cdk-out', 'out', '--port', '-1'], '--port must be 0 (free ports) or 1–65532, got -1'],
    [['--cdk-out', 'out', '--port', '1.5'], '--port must be 0 (free ports) or 1–65532, got 1.5'],
    [['--cdk-out', 'out', '--dynamo', 'mongo'], '--dynamo must be dynalite or dynamodb-local, got mongo'],
    [['--cdk-out', 'out', '--region', 'Europe'], '--region must be a region name such as eu-west-1, got Europe'],
    [['--cdk-out', 'out', '--app-origin', 'http://localhost:5173/app'], '--app-origin must be an origin such as http://localhost:5173 (scheme, host and port only), got http://localhost:5173/app'],
    [['--cdk-out', 'out', '--verbose'], 'unknown flag --verbose'],
    [['cdk.out'], 'unexpected argument cdk.out (every value follows its flag)'],
  ])('refuses %j: %s', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });
});

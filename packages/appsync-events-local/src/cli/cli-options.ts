/**
 * The command line of `appsync-events-local`: flags to the emulator's options, as a pure function
 * that throws a `UsageError` a person can act on (the CLI prints it with the usage and exits 2).
 */
import type { DynamoEngine } from '../dynamodb/dynamo-server.ts';

export interface CliOptions {
  /** `--cdk-out`: the cloud assembly to serve. */
  assemblyDir: string;
  port: number;
  /** `--data`: on-disk state that survives a restart; absent with `--memory` (the default). */
  dataDir?: string;
  outputsFile: string;
  /** `--users`: a JSON file of users to seed into the user pool. */
  usersFile?: string;
  dynamo: DynamoEngine;
  region?: string;
  /** `--app-origin`, repeatable: the pages that may call the local-only endpoints. */
  appOrigins?: string[];
}

export type CliCommand = { kind: 'help' } | { kind: 'run'; options: CliOptions };

export const DEFAULT_PORT = 4510;
/** Not `./amplify_outputs.json`: that is where a deployed backend's outputs live, and they are not ours to overwrite. */
export const DEFAULT_OUTPUTS_FILE = '.appsync-events-local/amplify_outputs.json';

export const USAGE = `Usage: appsync-events-local --cdk-out <dir> [options]

Serves the AppSync Event API (and its user pool, tables, functions, HTTP API) that a CDK cloud
assembly describes. Prints "READY <outputs file>" once serving; SIGTERM or SIGINT stops it.

  --cdk-out <dir>       the cloud assembly (what \`cdk synth\` wrote); required
  --port <n>            first of four consecutive ports: events, HTTP API, user pool, DynamoDB
                        (default ${DEFAULT_PORT}; 0 picks free ports)
  --memory              keep state in memory, gone on exit (the default)
  --data <dir>          keep state in <dir>, so it survives a restart
  --outputs <file>      where to write the outputs file (amplify_outputs.json's shape)
                        (default ${DEFAULT_OUTPUTS_FILE})
  --users <file.json>   users to seed into the user pool:
                        [{ "username": "ana@example.com", "password": "…", "groups": ["admins"],
                           "attributes": { "name": "Ana" } }]
  --dynamo <engine>     dynalite (default, in-process) or dynamodb-local (needs Java)
  --region <region>     the region the outputs and ARNs name (default us-east-1)
  --app-origin <origin> a page that may call the local-only endpoints, repeatable
                        (default http://localhost:5173 and http://127.0.0.1:5173)
  --help                this text
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

interface Draft extends Omit<CliOptions, 'assemblyDir'> {
  assemblyDir?: string;
  memory: boolean;
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const draft: Draft = { port: DEFAULT_PORT, memory: false, outputsFile: DEFAULT_OUTPUTS_FILE, dynamo: 'dynalite' };
  const rest = [...argv];
  for (let flag = rest.shift(); flag !== undefined; flag = rest.shift()) {
    const value = (): string => {
      const next = rest.shift();
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return { kind: 'help' };
      case '--cdk-out':
        draft.assemblyDir = value();
        break;
      case '--port':
        draft.port = parsePort(value());
        break;
      case '--memory':
        draft.memory = true;
        break;
      case '--data':
        draft.dataDir = value();
        break;
      case '--outputs':
        draft.outputsFile = value();
        break;
      case '--users':
        draft.usersFile = value();
        break;
      case '--dynamo':
        draft.dynamo = parseEngine(value());
        break;
      case '--region':
        draft.region = parseRegion(value());
        break;
      case '--app-origin':
        draft.appOrigins = [...(draft.appOrigins ?? []), parseOrigin(value())];
        break;
      default:
        throw new UsageError(flag.startsWith('-') ? `unknown flag ${flag}` : `unexpected argument ${flag} (every value follows its flag)`);
    }
  }
  const { assemblyDir, memory, ...options } = draft;
  if (assemblyDir === undefined) throw new UsageError('--cdk-out <dir> is required: the directory `cdk synth` wrote');
  if (memory && options.dataDir !== undefined) throw new UsageError('--memory and --data exclude each other');
  return { kind: 'run', options: { assemblyDir, ...options } };
}

function parsePort(text: string): number {
  const port = Number(text);
  // The emulator takes four consecutive ports from this one.
  if (!/^\d+$/.test(text) || port > 65532) throw new UsageError(`--port must be 0 (free ports) or 1–65532, got ${text}`);
  return port;
}

function parseEngine(text: string): DynamoEngine {
  if (text !== 'dynalite' && text !== 'dynamodb-local') throw new UsageError(`--dynamo must be dynalite or dynamodb-local, got ${text}`);
  return text;
}

function parseRegion(text: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(text)) throw new UsageError(`--region must be a region name such as eu-west-1, got ${text}`);
  return text;
}

/** An exact origin, `http(s)://host[:port]`, as a browser sends it in `Origin`. */
function parseOrigin(text: string): string {
  const origin = URL.canParse(text) ? new URL(text).origin : 'null';
  if (origin !== text || !/^https?:/.test(text)) {
    throw new UsageError(`--app-origin must be an origin such as http://localhost:5173 (scheme, host and port only), got ${text}`);
  }
  return origin;
}

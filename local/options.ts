import { parseSignupPolicy, type SignupPolicy } from '../core/signup-policy.ts';
import type { DynamoEngine } from 'appsync-events-local';

export type RateLimit = 'off' | { count: number; seconds: number };

/** Parsed command-line flags of `npm run local` (see local/README.md). */
export interface CliOptions {
  port: number;
  dataDir?: string;
  memory: boolean;
  outputsFile: string;
  dynamo: DynamoEngine;
  rateLimit?: RateLimit;
  /** `--room-limit`: new rooms per member and window, as `ROOM_LIMIT` on AWS (`off` or `<count>/<seconds>`). */
  roomLimit?: RateLimit;
  /** `--signup`: who may sign up, as `PARLEY_SIGNUP` on AWS (`open`, `invite`, `domains:<list>`). */
  signup?: SignupPolicy;
  /** Extra members `load-<i>@parley.local` for load runs (see `loadUsers`). */
  loadUsers?: number;
  /** `--app-origin`, repeatable: the pages that may call the local-only endpoints (default: the dev server's). */
  appOrigins?: string[];
  /** `--synth-cache`: where synthesized backends are kept (default `.local/synth`). */
  synthCacheDir?: string;
}

export const DEFAULT_PORT = 4510;
export const DEFAULT_DATA_DIR = '.local/data';
export const DEFAULT_OUTPUTS_FILE = '.local/amplify_outputs.json';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses flags; throws UsageError with a message a person can act on. Pure. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  const options: CliOptions = { port: DEFAULT_PORT, memory: false, outputsFile: DEFAULT_OUTPUTS_FILE, dynamo: 'dynalite' };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      i += 1;
      return next;
    };
    switch (flag) {
      case '--port':
        options.port = parsePort(value());
        break;
      case '--data':
        options.dataDir = value();
        break;
      case '--memory':
        options.memory = true;
        break;
      case '--outputs':
        options.outputsFile = value();
        break;
      case '--dynamo':
        options.dynamo = parseEngine(value());
        break;
      case '--rate-limit':
        options.rateLimit = parseRateLimit(value());
        break;
      case '--room-limit':
        options.roomLimit = parseRateLimit(value(), '--room-limit');
        break;
      case '--signup':
        options.signup = parseSignup(value());
        break;
      case '--load-users':
        options.loadUsers = parseLoadUsers(value());
        break;
      case '--synth-cache':
        options.synthCacheDir = value();
        break;
      case '--app-origin':
        options.appOrigins = [...(options.appOrigins ?? []), parseOrigin(value())];
        break;
      default:
        throw new UsageError(`unknown flag ${flag}`);
    }
  }
  if (options.memory && options.dataDir) throw new UsageError('--memory and --data exclude each other');
  return options;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65532) {
    throw new UsageError(`--port must be 0 (free ports) or 1–65532, got ${text}`);
  }
  return port;
}

function parseEngine(text: string): DynamoEngine {
  if (text !== 'dynalite' && text !== 'dynamodb-local') {
    throw new UsageError(`--dynamo must be dynalite or dynamodb-local, got ${text}`);
  }
  return text;
}

const MAX_LOAD_USERS = 2000;

function parseLoadUsers(text: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text) || count > MAX_LOAD_USERS) {
    throw new UsageError(`--load-users must be an integer from 0 to ${MAX_LOAD_USERS}, got ${text}`);
  }
  return count;
}

function parseSignup(text: string): SignupPolicy {
  const parsed = parseSignupPolicy(text);
  if (!parsed.ok) throw new UsageError(`--signup: ${parsed.error}`);
  return parsed.value;
}

/** An exact origin, `http(s)://host[:port]`, as a browser sends it in `Origin`. */
function parseOrigin(text: string): string {
  const origin = URL.canParse(text) ? new URL(text).origin : 'null';
  if (origin !== text || !/^https?:/.test(text)) {
    throw new UsageError(`--app-origin must be an origin such as http://localhost:5173 (scheme, host and port only), got ${text}`);
  }
  return origin;
}

/** `off` or `<count>/<seconds>`, e.g. `20/10`. */
export function parseRateLimit(text: string, flag = '--rate-limit'): RateLimit {
  if (text === 'off') return 'off';
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const count = Number(match?.[1]);
  const seconds = Number(match?.[2]);
  if (!match || count < 1 || seconds < 1) {
    throw new UsageError(`${flag} must be off or <count>/<seconds> (e.g. 20/10), got ${text}`);
  }
  return { count, seconds };
}

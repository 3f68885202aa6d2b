/**
 * cognito-local, assembled from its lower-level pieces rather than `createDefaultServer()`, so
 * that its state lives in a directory we choose (the default is `./.cognito` under cwd, which
 * several instances in one test run would share) and its token issuer is ours to set. Only the
 * front (`cognito-front.ts`) may talk to it: cognito-local takes admin calls unsigned and answers
 * CORS for any origin, so every request must carry a secret of this instance's that only the
 * front is given, and be addressed to loopback.
 */
import './quiet-aws-sdk-v2.ts';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DefaultConfig, type Config } from 'cognito-local/lib/server/config.js';
import { Router } from 'cognito-local/lib/server/Router.js';
import { createServer } from 'cognito-local/lib/server/server.js';
import { DateClock, MessagesService, TriggersService } from 'cognito-local/lib/services/index.js';
import { CognitoServiceFactoryImpl } from 'cognito-local/lib/services/cognitoService.js';
import { CryptoService } from 'cognito-local/lib/services/crypto.js';
import type { Lambda } from 'cognito-local/lib/services/lambda.js';
import { ConsoleMessageSender } from 'cognito-local/lib/services/messageDelivery/consoleMessageSender.js';
import { MessageDeliveryService } from 'cognito-local/lib/services/messageDelivery/messageDelivery.js';
import { otp } from 'cognito-local/lib/services/otp.js';
import { JwtTokenGenerator } from 'cognito-local/lib/services/tokenGenerator.js';
import { UserPoolServiceFactoryImpl } from 'cognito-local/lib/services/userPoolService.js';
import { tokenMatches } from '../access/admin-request.ts';
import { ADMIN_TOKEN_HEADER } from '../access/local-access.ts';
import { hostRefusal } from '../access/loopback-host.ts';
import { createAtomicDataStoreFactory } from './atomic-data-store-factory.ts';
import { standardIdTokenClaims } from './id-token-claims.ts';
import type { AliasAttribute } from './pool-settings.ts';
import { type CognitoLocalSignUp, type PreSignUpInvoker, runPreSignUp } from './pre-sign-up-trigger.ts';
import { createUserPoolDirectory, type UserPoolDirectory } from './user-pool-directory.ts';
import { type PreTokenGenerationInvoker, withPreTokenGenerationV2 } from './v2-token-generator.ts';

/** pino's logger, as cognito-local's server takes it (pino is cognito-local's dependency, not ours). */
type Logger = Parameters<typeof createServer>[1];

export interface CognitoLocalServerOptions {
  /** Holds cognito-local's JSON files (`clients.json`, `<poolId>.json`). Created if missing. */
  dataDir: string;
  /** Tokens carry `iss` = `<issuerDomain>/<userPoolId>`. */
  issuerDomain: string;
  /** cognito-local's pino level; `error` keeps its "unsupported feature" reports visible. */
  logLevel?: string;
  /** The pool's Pre Token Generation V2 function, run on every token issue (sign-in and refresh). */
  preTokenGeneration?: PreTokenGenerationInvoker;
  /** The pool's Pre Sign-up function, run on every sign-up (the deployment's sign-up policy). */
  preSignUp?: PreSignUpInvoker;
  /** Reported in trigger events. */
  region?: string;
  /** The pool's `AliasAttributes`: a user may sign in with a verified one (cognito-local knows none). */
  aliasAttributes?: readonly AliasAttribute[];
}

export interface CognitoLocalServer {
  /** Loopback URL of cognito-local itself (not for clients: they use the front). */
  url: string;
  /** Headers every request to `url` must carry (the secret that admits the front). */
  headers: Record<string, string>;
  /** Its app clients and users, read in-process. */
  directory: UserPoolDirectory;
  close(): Promise<void>;
}

/** Starts cognito-local on 127.0.0.1 and a free port, open only to requests carrying `headers`. */
export async function startCognitoLocalServer(options: CognitoLocalServerOptions): Promise<CognitoLocalServer> {
  const logger = createLogger(options.logLevel ?? 'error');
  const ctx = { logger };
  const dbDirectory = join(options.dataDir, 'db');
  const config: Config = {
    ...DefaultConfig,
    TriggerFunctions: {},
    TokenConfig: { IssuerDomain: options.issuerDomain },
    // Not cognito-local's default (email as the username): a pool gets exactly the template's sign-in attributes.
    UserPoolDefaults: {},
    // cognito-local reads only `development` from here; the guarded server below does the listening.
    ServerConfig: { hostname: '127.0.0.1', port: 0, development: false, https: false },
  };
  const clock = new DateClock();
  // Not cognito-local's StormDBDataStoreFactory: its saves rewrite files in place, so a crash can truncate them.
  const dataStoreFactory = createAtomicDataStoreFactory(dbDirectory);
  const cognito = await new CognitoServiceFactoryImpl(
    dbDirectory,
    dataStoreFactory,
    new UserPoolServiceFactoryImpl(clock, dataStoreFactory),
  ).create(ctx, config.UserPoolDefaults);
  const triggers = new TriggersService(
    clock,
    cognito,
    inProcessTriggers(options.preSignUp, options.region ?? 'us-east-1'),
    new CryptoService(config.KMSConfig),
  );
  const services = {
    clock,
    cognito,
    config,
    messages: new MessagesService(triggers, new MessageDeliveryService(new ConsoleMessageSender())),
    otp,
    tokenGenerator: options.preTokenGeneration
      ? withPreTokenGenerationV2(new JwtTokenGenerator(clock, triggers, config.TokenConfig), options.preTokenGeneration, options.region ?? 'us-east-1')
      : new JwtTokenGenerator(clock, triggers, config.TokenConfig),
    triggers,
  };
  const { application } = createServer(Router(services), logger, config.ServerConfig, services);
  const secret = randomBytes(32).toString('hex');
  const server = createHttpServer((req, res) => {
    const host = hostRefusal(req.headers.host, req.socket.localPort ?? 0);
    if (host !== null || !tokenMatches(req.headers[ADMIN_TOKEN_HEADER], secret)) {
      res.writeHead(403, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ __type: 'AccessDeniedException', message: host ?? 'Only the local user pool front may call cognito-local.' }));
      return;
    }
    application(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    headers: { [ADMIN_TOKEN_HEADER]: secret },
    directory: createUserPoolDirectory(cognito, ctx, options.aliasAttributes ?? []),
    close: () => closeServer(server),
  };
}

/**
 * cognito-local's trigger port, served in-process instead of by Lambda (and aws-sdk v2):
 * PreTokenGeneration, to put the standard attributes real Cognito issues into ID tokens, and
 * PreSignUp, which runs the deployment's pre-sign-up function through the Lambda runner.
 */
function inProcessTriggers(preSignUp: PreSignUpInvoker | undefined, region: string): Lambda {
  return {
    enabled: (trigger: string) => trigger === 'PreTokenGeneration' || (trigger === 'PreSignUp' && preSignUp !== undefined),
    invoke: (_ctx: unknown, trigger: string, event: CognitoLocalSignUp) => {
      if (trigger === 'PreTokenGeneration') {
        return Promise.resolve({ claimsOverrideDetails: { claimsToAddOrOverride: standardIdTokenClaims(event.userAttributes ?? {}) } });
      }
      if (trigger === 'PreSignUp' && preSignUp) return runPreSignUp(preSignUp, event, region);
      return Promise.reject(new Error(`The local user pool runs no ${trigger} trigger`));
    },
  } as unknown as Lambda;
}

/** pino as cognito-local resolves it, so we depend on its logger without declaring pino ourselves. */
function createLogger(level: string): Logger {
  const requireFromCognitoLocal = createRequire(createRequire(import.meta.url).resolve('cognito-local'));
  const pino = requireFromCognitoLocal('pino') as (options: { level: string }) => Logger;
  return pino({ level });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

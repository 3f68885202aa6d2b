/**
 * Fixtures for the Events service tests: a small API definition, a token-table authorizer, a
 * scriptable `chat` namespace, and a started service with sockets that close with it.
 */
import type { EventApiModel, NamespaceDefinition } from '../template/backend-model.ts';
import { createFaults, type Faults } from '../faults.ts';
import type {
  AuthorizeRequest,
  CognitoIdentity,
  EventAuthorizer,
  HandlerContext,
  IamIdentity,
  NamespaceHandlers,
  PublishHandlerResult,
  SubscribeHandlerResult,
} from './contracts.ts';
import { startEventsService, type EventsService, type EventsServiceOptions } from './events-service.ts';
import { headerSubprotocol, openTestSocket, realtimeUrl, type OpenOptions, type TestSocket } from './test-socket.ts';

const USER_POOL = 'AMAZON_COGNITO_USER_POOLS';
const IAM = 'AWS_IAM';
/** The functions the fault tests name. */
const functionNames = ['persist-messages', 'throttle-signals'];

const namespace = (name: string, publish: NamespaceDefinition['publishAuthModes'], subscribe: NamespaceDefinition['subscribeAuthModes']): NamespaceDefinition => ({
  name,
  handlerSource: '',
  handlerBundle: '',
  publishAuthModes: publish,
  subscribeAuthModes: subscribe,
});

/** `chat` (scripted handlers), `signals` (user pool only), `open` (no handlers: AppSync defaults). */
export const TEST_API: EventApiModel = {
  apiName: 'events-test',
  authProviders: [USER_POOL, IAM],
  connectionAuthModes: [USER_POOL, IAM],
  defaultPublishAuthModes: [USER_POOL, IAM],
  defaultSubscribeAuthModes: [USER_POOL, IAM],
  dataSources: [],
  namespaces: [namespace('chat', [USER_POOL, IAM], [USER_POOL]), namespace('signals', [USER_POOL], [USER_POOL]), namespace('open', [], [])],
};

export function cognitoIdentity(username: string): CognitoIdentity {
  return {
    sub: `sub-${username}`,
    issuer: 'http://localhost/test-pool',
    username,
    claims: { sub: `sub-${username}`, username },
    sourceIp: ['127.0.0.1'],
    defaultAuthStrategy: 'ALLOW',
    groups: null,
  };
}

const IAM_IDENTITY: IamIdentity = {
  accountId: '000000000000',
  cognitoIdentityPoolId: null,
  cognitoIdentityId: null,
  sourceIp: ['127.0.0.1'],
  username: 'lambda-role',
  userArn: 'arn:aws:iam::000000000000:role/lambda-role',
  cognitoIdentityAuthType: null,
  cognitoIdentityAuthProvider: null,
};

export interface RecordingAuthorizer extends EventAuthorizer {
  calls: { request: AuthorizeRequest; modes: readonly string[] }[];
}

/** `alice-token`/`bob-token` → user pool identities, `iam-token` → an IAM role; anything else fails. */
export function createTokenAuthorizer(): RecordingAuthorizer {
  const calls: RecordingAuthorizer['calls'] = [];
  return {
    calls,
    async authorize(request, modes) {
      calls.push({ request, modes });
      const token = request.headers.authorization;
      if ((token === 'alice-token' || token === 'bob-token') && modes.includes(USER_POOL)) {
        return { ok: true, authType: USER_POOL, identity: cognitoIdentity(token.replace('-token', '')) };
      }
      if (token === 'iam-token' && modes.includes(IAM)) return { ok: true, authType: IAM, identity: IAM_IDENTITY };
      return { ok: false, message: 'Invalid credentials' };
    },
  };
}

export interface ScriptedHandlers extends NamespaceHandlers {
  contexts: HandlerContext[];
  publish: (ctx: HandlerContext) => PublishHandlerResult | Promise<PublishHandlerResult>;
  subscribe: (ctx: HandlerContext) => SubscribeHandlerResult | Promise<SubscribeHandlerResult>;
}

/** Forwards and allows until a test replaces `publish` / `subscribe`; records every ctx. */
export function createScriptedHandlers(): ScriptedHandlers {
  const handlers: ScriptedHandlers = {
    contexts: [],
    publish: (ctx) => ({ ok: true, events: ctx.events ?? [] }),
    subscribe: () => ({ ok: true }),
    async onPublish(ctx) {
      handlers.contexts.push(structuredClone(ctx));
      return handlers.publish(ctx);
    },
    async onSubscribe(ctx) {
      handlers.contexts.push(structuredClone(ctx));
      return handlers.subscribe(ctx);
    },
  };
  return handlers;
}

export interface TestEventsService {
  service: EventsService;
  authorizer: RecordingAuthorizer;
  chat: ScriptedHandlers;
  faults: Faults;
  /** Opens a raw socket (closed by `close`). */
  open(options?: OpenOptions): Promise<TestSocket>;
  /** Opens a socket as `token` (header subprotocol), sends connection_init, takes ack and ka. */
  connect(token: string): Promise<TestSocket>;
  close(): Promise<void>;
}

export async function startTestEventsService(overrides: Partial<EventsServiceOptions> = {}): Promise<TestEventsService> {
  const authorizer = createTokenAuthorizer();
  const chat = createScriptedHandlers();
  const faults = createFaults(Math.random, functionNames);
  const service = await startEventsService({ api: TEST_API, authorizer, handlers: { chat }, faults, ...overrides });
  const sockets: TestSocket[] = [];

  async function open(options: OpenOptions = {}): Promise<TestSocket> {
    const socket = await openTestSocket(realtimeUrl(service.url), options);
    sockets.push(socket);
    return socket;
  }

  return {
    service,
    authorizer,
    chat,
    faults,
    open,
    async connect(token) {
      const socket = await open({ protocols: ['aws-appsync-event-ws', headerSubprotocol({ Authorization: token, host: 'localhost' })] });
      socket.send({ type: 'connection_init' });
      await socket.next('connection_ack');
      await socket.next('ka');
      return socket;
    },
    async close() {
      await Promise.all(sockets.map((s) => s.close()));
      await service.close();
    },
  };
}

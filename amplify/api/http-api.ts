import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { type CfnStage, CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { type FunctionName, httpApiCors, type RouteDefinition } from '../definition.ts';

export interface HttpApiDeps {
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
  functions: Partial<Record<FunctionName, IFunction>>;
  /** The app's origins, for CORS. */
  allowOrigins: string[];
}

/**
 * One JSON object per request in the access log: who (the token's subject, never the token), what
 * (route, status, sizes), how long, and why it failed when it did (authorizer or integration).
 */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  sub: '$context.authorizer.claims.sub',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  authorizerError: '$context.authorizer.error',
  integrationError: '$context.integrationErrorMessage',
});

/**
 * The history/moderation HTTP API: every route from the shared definition, each behind the
 * Cognito JWT authorizer (issuer = the user pool, audience = the app client; API Gateway accepts
 * the access token's `client_id` or the ID token's `aud`).
 */
export function createHttpApi(scope: Construct, routes: readonly RouteDefinition[], deps: HttpApiDeps): HttpApi {
  const region = Stack.of(scope).region;
  const authorizer = new HttpJwtAuthorizer(
    'cognito-jwt',
    `https://cognito-idp.${region}.amazonaws.com/${deps.userPool.userPoolId}`,
    { jwtAudience: [deps.userPoolClient.userPoolClientId] },
  );
  const api = new HttpApi(scope, 'http-api', {
    description: 'Parley history and moderation',
    defaultAuthorizer: authorizer,
    corsPreflight: {
      allowOrigins: deps.allowOrigins,
      allowMethods: httpApiCors.allowMethods.map((method) => CorsHttpMethod[method]),
      allowHeaders: [...httpApiCors.allowHeaders],
      exposeHeaders: [...httpApiCors.exposeHeaders],
      maxAge: Duration.seconds(httpApiCors.maxAgeSeconds),
    },
  });
  const integrations = new Map<FunctionName, HttpLambdaIntegration>();
  for (const route of routes) {
    const fn = deps.functions[route.functionName];
    if (!fn) throw new Error(`Route ${route.method} ${route.path} needs the ${route.functionName} function`);
    const integration =
      integrations.get(route.functionName) ?? new HttpLambdaIntegration(`${route.functionName}-integration`, fn);
    integrations.set(route.functionName, integration);
    api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration, authorizer });
  }
  enableAccessLogs(scope, api);
  return api;
}

/** JSON access logs for the default stage, kept 30 days like every other log group. */
function enableAccessLogs(scope: Construct, api: HttpApi): LogGroup {
  const logGroup = new LogGroup(scope, 'http-api-access-logs', {
    retention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const stage = api.defaultStage?.node.defaultChild as CfnStage | undefined;
  if (!stage) throw new Error('The HTTP API has no default stage to log');
  stage.accessLogSettings = { destinationArn: logGroup.logGroupArn, format: ACCESS_LOG_FORMAT };
  return logGroup;
}

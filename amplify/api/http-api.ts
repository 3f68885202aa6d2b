import { Duration, Stack } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
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
  return api;
}

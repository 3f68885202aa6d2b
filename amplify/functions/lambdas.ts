import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { type FunctionName, functionBundling, functionSettings, LAMBDA_RUNTIME } from '../definition.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** CDK's own record of the definition's runtime (so bundling knows its Node), or a synth error. */
const runtime = (() => {
  const known = Runtime.ALL.find((candidate) => candidate.name === LAMBDA_RUNTIME.name && !candidate.isVariable);
  if (!known) throw new Error(`aws-cdk-lib does not know the Lambda runtime ${LAMBDA_RUNTIME.name}`);
  return known;
})();

export interface LambdaSettings {
  environment: Record<string, string>;
  /** Concurrent executions reserved for (and capping) the function; none when unset. */
  reservedConcurrency?: number;
}

/**
 * One Lambda from `functions/<name>/handler.ts`, bundled by esbuild into a single ES module (the
 * pinned AWS SDK included, so the deployed code runs exactly the versions the tests ran), with a
 * log group of its own whose retention is set, and the timeout and memory the definition gives
 * it (the local cloud runs it with the same).
 */
export function createLambda(scope: Construct, name: FunctionName, settings: LambdaSettings): NodejsFunction {
  const logGroup = new LogGroup(scope, `${name}-logs`, {
    retention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  // A role of its own that may write to its own log group and nothing else until granted more
  // (the default role's AWSLambdaBasicExecutionRole would let it write to every log group).
  const role = new Role(scope, `${name}-role`, {
    description: `Runs the ${name} function`,
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
  });
  logGroup.grant(role, 'logs:CreateLogStream', 'logs:PutLogEvents');
  return new NodejsFunction(scope, name, {
    entry: `${root}functions/${name}/handler.ts`,
    handler: 'handler',
    projectRoot: root,
    depsLockFilePath: `${root}package-lock.json`,
    runtime,
    architecture: Architecture.ARM_64,
    memorySize: functionSettings[name].memoryMb,
    timeout: Duration.seconds(functionSettings[name].timeoutSeconds),
    logGroup,
    role,
    environment: settings.environment,
    reservedConcurrentExecutions: settings.reservedConcurrency,
    bundling: {
      format: OutputFormat.ESM,
      target: functionBundling.target,
      minify: functionBundling.minify,
      sourceMap: functionBundling.sourceMap,
      externalModules: [],
      mainFields: [...functionBundling.mainFields],
      // esbuild's per-bundle size summary is noise in every synth and test run; errors still print.
      logLevel: LogLevel.ERROR,
      banner: functionBundling.banner,
    },
  });
}

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { type FunctionName, functionSettings } from '../definition.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface LambdaSettings {
  environment: Record<string, string>;
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
  return new NodejsFunction(scope, name, {
    entry: `${root}functions/${name}/handler.ts`,
    handler: 'handler',
    projectRoot: root,
    depsLockFilePath: `${root}package-lock.json`,
    runtime: Runtime.NODEJS_20_X,
    architecture: Architecture.ARM_64,
    memorySize: functionSettings[name].memoryMb,
    timeout: Duration.seconds(functionSettings[name].timeoutSeconds),
    logGroup,
    environment: settings.environment,
    bundling: {
      format: OutputFormat.ESM,
      target: 'node20',
      minify: true,
      sourceMap: true,
      externalModules: [],
      mainFields: ['module', 'main'],
      // esbuild's per-bundle size summary is noise in every synth and test run; errors still print.
      logLevel: LogLevel.ERROR,
      // Some CommonJS dependencies call require(); give the ES module one.
      banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
}

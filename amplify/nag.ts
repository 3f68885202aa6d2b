import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Runs cdk-nag's AwsSolutions rules over everything under `app` at synthesis (Amplify's own stacks
 * included): an unacknowledged finding fails `npm run synth`, the tests and a deployment alike.
 * Each acknowledgment sits beside the resource it is about, with the reason the rule does not
 * apply there, and is written into the template's metadata too, for whoever audits it.
 */
export function addAwsSolutionsChecks(app: IConstruct): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }));
}

/**
 * A branch deploy's root stack holds Amplify's branch linker: a custom resource that records the
 * backend on its Amplify Hosting branch. Amplify creates and owns it (its role, policy and
 * runtime), it runs only at deploy time, and it touches nothing of ours.
 */
export function acknowledgeBranchLinker(rootStack: Stack): void {
  const linker = rootStack.node.tryFindChild('AmplifyBranchLinker');
  if (!linker) return; // a sandbox has none
  const owner = 'Amplify\'s branch linker, created and owned by @aws-amplify/backend and run only at deploy time';
  const appId = linker.node.tryGetContext('amplify-backend-namespace') as string;
  const branch = linker.node.tryGetContext('amplify-backend-name') as string;
  const functionIds = linker.node
    .findAll()
    .filter((child): child is CfnFunction => child instanceof CfnFunction)
    .map((fn) => Stack.of(fn).resolve((fn as CfnResource).logicalId) as string);
  Validations.of(linker).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: `${owner}: the managed policy lets it write its own logs`,
    },
    {
      id: `AwsSolutions-IAM5[Resource::arn:aws:amplify:*:*:apps/${appId}/branches/${branch}]`,
      reason: `${owner}: it may update this one app branch, in whichever region and account Amplify deploys it`,
    },
    ...functionIds.map((id) => ({
      id: `AwsSolutions-IAM5[Resource::<${id}.Arn>:*]`,
      reason: `${owner}: its provider invokes its one function (":*" covers the function's versions)`,
    })),
    { id: 'AwsSolutions-L1', reason: `${owner}: Amplify chooses its runtime, a supported Node.js one` },
  );
}

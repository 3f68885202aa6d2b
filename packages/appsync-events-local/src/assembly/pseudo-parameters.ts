/** The values CloudFormation gives `AWS::*` references, chosen for a local deploy. */
export interface PseudoParameters {
  region: string;
  accountId: string;
  partition: string;
  urlSuffix: string;
  stackName: string;
  stackId: string;
}

export const DEFAULT_REGION = 'us-east-1';
/** The account id local emulators conventionally use. */
export const DEFAULT_ACCOUNT_ID = '000000000000';

export function pseudoParameters(region: string, accountId: string, stackName: string): PseudoParameters {
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return {
    region,
    accountId,
    partition,
    urlSuffix: partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
    stackName,
    stackId: `arn:${partition}:cloudformation:${region}:${accountId}:stack/${stackName}/local`,
  };
}

/** The value of `Ref: AWS::…`, or undefined for a name CloudFormation does not define. */
export function pseudoParameter(name: string, pseudo: PseudoParameters): unknown {
  switch (name) {
    case 'AWS::Region': return pseudo.region;
    case 'AWS::AccountId': return pseudo.accountId;
    case 'AWS::Partition': return pseudo.partition;
    case 'AWS::URLSuffix': return pseudo.urlSuffix;
    case 'AWS::StackName': return pseudo.stackName;
    case 'AWS::StackId': return pseudo.stackId;
    case 'AWS::NotificationARNs': return [];
    default: return undefined;
  }
}

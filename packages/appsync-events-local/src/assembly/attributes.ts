/**
 * The local identity of each resource: the physical id a local deploy gives it, what `Ref` returns
 * and its `Fn::GetAtt` attributes. Every value is a deterministic default shaped like AWS's, and
 * the caller's {@link AttributeProvider} overrides any of them with what the emulator serves (its
 * own endpoint for an Event API's DNS, its own user pool id…).
 */
import { createHash } from 'node:crypto';
import type { PseudoParameters } from './pseudo-parameters.ts';

export interface ResourceIdentity {
  /** `Root` or `Root/NestedLogicalId/…`. */
  stackPath: string;
  stackName: string;
  logicalId: string;
  type: string;
  /** The name the template itself gives the resource (`TableName`, `FunctionName`…), resolved. */
  name: string | undefined;
  pseudo: PseudoParameters;
}

export interface LocatedResource extends ResourceIdentity {
  physicalId: string;
}

/** The caller's local values; `undefined` from either function keeps the default. */
export interface AttributeProvider {
  physicalId?(resource: ResourceIdentity): string | undefined;
  attribute?(resource: LocatedResource, attribute: string): unknown;
}

/** The property holding the name a template may give a resource of that type. */
export const NAME_PROPERTIES: Record<string, string> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::Policy': 'PolicyName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::AppSync::DataSource': 'Name',
  'AWS::AppSync::ChannelNamespace': 'Name',
  'AWS::Cognito::UserPoolGroup': 'GroupName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
};

const shortHash = (resource: ResourceIdentity, length: number): string =>
  createHash('sha256').update(`${resource.stackPath}/${resource.logicalId}`).digest('hex').slice(0, length);

/** Services name these by a generated id rather than a name, each in its own format. */
const GENERATED_IDS: Record<string, (resource: ResourceIdentity) => string> = {
  'AWS::Cognito::UserPool': (r) => `${r.pseudo.region}_${shortHash(r, 9)}`,
  'AWS::Cognito::UserPoolClient': (r) => shortHash(r, 26),
  'AWS::Cognito::IdentityPool': (r) => {
    const hex = shortHash(r, 32);
    return `${r.pseudo.region}:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
  'AWS::AppSync::Api': (r) => shortHash(r, 26),
  'AWS::ApiGatewayV2::Api': (r) => shortHash(r, 10),
  'AWS::ApiGatewayV2::Authorizer': (r) => shortHash(r, 6),
  'AWS::ApiGatewayV2::Route': (r) => shortHash(r, 7),
  'AWS::ApiGatewayV2::Integration': (r) => shortHash(r, 7),
};

/** The template's own name, else a generated id, else `<stack name>-<logical id>`. */
export function defaultPhysicalId(resource: ResourceIdentity): string {
  return resource.name ?? GENERATED_IDS[resource.type]?.(resource) ?? `${resource.stackName}-${resource.logicalId}`;
}

type ArnOf = (id: string, p: PseudoParameters) => string;

const ARNS: Record<string, ArnOf> = {
  'AWS::Lambda::Function': (id, p) => `arn:${p.partition}:lambda:${p.region}:${p.accountId}:function:${id}`,
  'AWS::IAM::Role': (id, p) => `arn:${p.partition}:iam::${p.accountId}:role/${id}`,
  'AWS::IAM::ManagedPolicy': (id, p) => `arn:${p.partition}:iam::${p.accountId}:policy/${id}`,
  'AWS::DynamoDB::Table': (id, p) => `arn:${p.partition}:dynamodb:${p.region}:${p.accountId}:table/${id}`,
  'AWS::DynamoDB::GlobalTable': (id, p) => `arn:${p.partition}:dynamodb:${p.region}:${p.accountId}:table/${id}`,
  'AWS::Cognito::UserPool': (id, p) => `arn:${p.partition}:cognito-idp:${p.region}:${p.accountId}:userpool/${id}`,
  'AWS::Cognito::IdentityPool': (id, p) => `arn:${p.partition}:cognito-identity:${p.region}:${p.accountId}:identitypool/${id}`,
  'AWS::AppSync::Api': (id, p) => `arn:${p.partition}:appsync:${p.region}:${p.accountId}:apis/${id}`,
  'AWS::SNS::Topic': (id, p) => `arn:${p.partition}:sns:${p.region}:${p.accountId}:${id}`,
  'AWS::SQS::Queue': (id, p) => `arn:${p.partition}:sqs:${p.region}:${p.accountId}:${id}`,
  'AWS::S3::Bucket': (id, p) => `arn:${p.partition}:s3:::${id}`,
  'AWS::Logs::LogGroup': (id, p) => `arn:${p.partition}:logs:${p.region}:${p.accountId}:log-group:${id}:*`,
  'AWS::CloudWatch::Alarm': (id, p) => `arn:${p.partition}:cloudwatch:${p.region}:${p.accountId}:alarm:${id}`,
  'AWS::ApiGatewayV2::Api': (id, p) => `arn:${p.partition}:apigateway:${p.region}::/apis/${id}`,
};

/** `arn:<partition>:<service>:<region>:<account>:<kind>/<id>` for a type not listed above. */
function arnOf(resource: LocatedResource): string {
  const [, service = 'unknown', kind = 'resource'] = resource.type.split('::');
  const specific = ARNS[resource.type];
  if (specific) return specific(resource.physicalId, resource.pseudo);
  const p = resource.pseudo;
  return `arn:${p.partition}:${service.toLowerCase()}:${p.region}:${p.accountId}:${kind.toLowerCase()}/${resource.physicalId}`;
}

/** Types whose `Ref` is their ARN rather than their name or id. */
const REF_IS_ARN = new Set([
  'AWS::AppSync::Api', 'AWS::AppSync::DataSource', 'AWS::AppSync::ChannelNamespace', 'AWS::SNS::Topic',
  'AWS::IAM::ManagedPolicy', 'AWS::Lambda::Version', 'AWS::Lambda::LayerVersion',
]);

export function defaultRef(resource: LocatedResource): string {
  return REF_IS_ARN.has(resource.type) ? arnOf(resource) : resource.physicalId;
}

type Attributes = (r: LocatedResource, arn: string) => Record<string, string>;

const dns = (r: LocatedResource, service: string): string => `${r.physicalId}.${service}.${r.pseudo.region}.${r.pseudo.urlSuffix}`;

const ATTRIBUTES: Record<string, Attributes> = {
  'AWS::AppSync::Api': (r, arn) => ({
    ApiId: r.physicalId,
    ApiArn: arn,
    'Dns.Http': dns(r, 'appsync-api'),
    'Dns.Realtime': dns(r, 'appsync-realtime-api'),
  }),
  'AWS::AppSync::DataSource': (r, arn) => ({ DataSourceArn: arn, Name: r.physicalId }),
  'AWS::AppSync::ChannelNamespace': (_r, arn) => ({ ChannelNamespaceArn: arn }),
  'AWS::DynamoDB::Table': (_r, arn) => ({ StreamArn: `${arn}/stream/1970-01-01T00:00:00.000` }),
  'AWS::DynamoDB::GlobalTable': (r, arn) => ({ StreamArn: `${arn}/stream/1970-01-01T00:00:00.000`, TableId: shortHash(r, 32) }),
  'AWS::Cognito::UserPool': (r) => ({
    UserPoolId: r.physicalId,
    ProviderName: `cognito-idp.${r.pseudo.region}.${r.pseudo.urlSuffix}/${r.physicalId}`,
    ProviderURL: `https://cognito-idp.${r.pseudo.region}.${r.pseudo.urlSuffix}/${r.physicalId}`,
  }),
  'AWS::Cognito::UserPoolClient': (r) => ({ ClientId: r.physicalId, Name: r.logicalId }),
  'AWS::Cognito::IdentityPool': (r) => ({ Id: r.physicalId, Name: r.logicalId }),
  'AWS::IAM::Role': (r) => ({ RoleId: `AROA${shortHash(r, 17).toUpperCase()}` }),
  'AWS::SNS::Topic': (r, arn) => ({ TopicArn: arn, TopicName: r.physicalId }),
  'AWS::ApiGatewayV2::Api': (r) => ({ ApiId: r.physicalId, ApiEndpoint: `https://${dns(r, 'execute-api')}` }),
};

/** The default value of `Fn::GetAtt` on the resource, or undefined for an attribute it has no default for. */
export function defaultAttribute(resource: LocatedResource, attribute: string): string | undefined {
  const arn = arnOf(resource);
  if (attribute === 'Arn') return arn;
  return ATTRIBUTES[resource.type]?.(resource, arn)[attribute];
}

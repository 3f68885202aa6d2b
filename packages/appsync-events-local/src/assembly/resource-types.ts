/**
 * The resource types an AppSync Events emulator serves or reads: the Event API and its parts, the
 * functions they call, the tables, the user pool and an HTTP API beside them. The other resources
 * of a stack (roles, alarms, log groups…) are counted, not resolved, so a construct the emulator
 * has no use for cannot fail the read.
 */
export const EMULATED_RESOURCE_TYPES: readonly string[] = [
  'AWS::AppSync::Api',
  'AWS::AppSync::ApiKey',
  'AWS::AppSync::ChannelNamespace',
  'AWS::AppSync::DataSource',
  'AWS::Lambda::Function',
  'AWS::Lambda::EventSourceMapping',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolGroup',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Stage',
];

import { type Stack, Token } from 'aws-cdk-lib';

/** DynamoDB's rule for table names. */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/**
 * The physical name of a table of the definition: the deployment's root stack name, which Amplify
 * derives from the backend identifiers in the stack context (`amplify-<namespace>-<name>-<type>-
 * <hash>`, sanitized to letters, digits and dashes, the hash over the raw identifiers), then the
 * table's logical name. Two deployments in one account and region never share a root stack name,
 * so they never share a table.
 *
 * Why a fixed name at all: the pre-token-generation trigger lives in the auth stack (the user pool
 * references it, and the chat stack references the pool, so the function cannot sit in the chat
 * stack), and it reads profiles in the table, which lives in the chat stack. A reference from the
 * auth stack to the table would close the same cycle. With a name known at synth time, the auth
 * stack writes the trigger's TABLE_NAME and IAM resource from the name alone, and no stack
 * references the other's resources for it.
 */
export function deploymentTableName(rootStack: Stack, logicalName: string): string {
  const stackName = rootStack.stackName;
  if (Token.isUnresolved(stackName)) throw new Error('The root stack has no name at synth time; the table name must be known then');
  const name = `${stackName}-${logicalName}`;
  if (!TABLE_NAME.test(name)) throw new Error(`"${name}" is not a valid DynamoDB table name`);
  return name;
}

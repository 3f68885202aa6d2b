/**
 * What a DynamoDB data source's role may do, and the call that reaches the server. A request
 * whose IAM action the role lacks on a table (or on an index of it) fails before it reaches
 * DynamoDB, with `DynamoDB:AccessDeniedException`, as IAM refuses it on AppSync.
 */
import { answerError, type DynamoWire } from '../dynamodb/dynamo-wire.ts';
import type { DataSourceOutcome } from '../events/contracts.ts';

/** The IAM actions behind the data source's operations. */
export type DynamoDbAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:PutItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:ConditionCheckItem'
  | 'dynamodb:Query'
  | 'dynamodb:Scan'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:BatchWriteItem';

/** The role's permissions on one table, by physical name. `indexes`: whether they reach its indexes (`table/<name>/index/*`). */
export interface DynamoDbGrant {
  tableName: string;
  actions: readonly string[];
  indexes?: boolean;
}

export type DataSourceError = NonNullable<DataSourceOutcome['error']>;

/** Everything an operation needs: its data source's name, table, wire and role. */
export interface DynamoDbAccess {
  name: string;
  tableName: string;
  /** null when allowed, otherwise the error IAM answers. */
  check(action: DynamoDbAction, tableName: string, index?: string): DataSourceError | null;
  call(operation: string, input: unknown): Promise<CallResult>;
}

export type CallResult = { ok: true; body: Record<string, unknown> } | { ok: false; error: DataSourceError; body: Record<string, unknown> };

export function createDynamoDbAccess(name: string, wire: DynamoWire, grants: readonly DynamoDbGrant[]): DynamoDbAccess {
  const tableName = grants[0]?.tableName ?? '';
  return {
    name,
    tableName,
    check(action, table, index) {
      const allowed = grants.some((g) => g.tableName === table && g.actions.includes(action) && (index === undefined || g.indexes === true));
      if (allowed) return null;
      const resource = index === undefined ? `table/${table}` : `table/${table}/index/${index}`;
      return {
        type: 'DynamoDB:AccessDeniedException',
        message: `The data source role of ${name} is not authorized to perform: ${action} on resource: ${resource}`,
      };
    },
    async call(operation, input) {
      try {
        const answer = await wire.call(operation, input);
        return answer.status === 200 ? { ok: true, body: answer.body } : { ok: false, error: answerError(answer), body: answer.body };
      } catch (error) {
        return { ok: false, error: { message: error instanceof Error ? error.message : String(error), type: 'DynamoDB:NetworkingError' }, body: {} };
      }
    },
  };
}

export function failed(error: DataSourceError, result: unknown = null): DataSourceOutcome {
  return { result, error };
}

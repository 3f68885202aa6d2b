/**
 * An `AMAZON_DYNAMODB` data source on the local DynamoDB server: the request object a handler's
 * `request` phase returns (built by `@aws-appsync/utils/dynamodb`) becomes one DynamoDB call on
 * the definition's table, and its answer `ctx.result` as AppSync shapes it (the item as plain
 * JSON, null when there is none). Operations run today: `GetItem`; any other is refused with a
 * `DataSourceRequestError` naming it, so a handler that needs one fails loudly until it is added.
 * The call goes through `DynamoWire` (no SDK; in process on dynalite), so a membership check on
 * subscribe costs about what the rest of the subscribe does.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDbDataSourceAction } from '../../amplify/definition.ts';
import { answerError, type DynamoWire } from '../dynamodb/dynamo-wire.ts';
import type { DataSourceOutcome, DynamoDbRequest } from '../events/contracts.ts';
import { fromAttributeMap } from './attribute-values.ts';
import { DataSourceRequestError } from './data-source-request-error.ts';

export interface DynamoDbDataSourceOptions {
  /** Data source name, for messages. */
  name: string;
  wire: DynamoWire;
  /** The physical name of the definition's table. */
  tableName: string;
  /** What the data source's role may do; an operation outside them fails as IAM would refuse it. */
  actions: readonly DynamoDbDataSourceAction[];
}

const SUPPORTED_OPERATIONS: Record<string, DynamoDbDataSourceAction> = { GetItem: 'dynamodb:GetItem' };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isAttributeMap(value: unknown): value is Record<string, AttributeValue> {
  return isObject(value) && Object.keys(value).length > 0 && Object.values(value).every(isObject);
}

function refuse(name: string, message: string): never {
  throw new DataSourceRequestError(`Data source ${name}: ${message}`);
}

function projectionOf(name: string, projection: unknown): { ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> } {
  if (projection === undefined || projection === null) return {};
  if (!isObject(projection) || typeof projection.expression !== 'string') {
    return refuse(name, 'projection must be { expression, expressionNames? }');
  }
  const names = projection.expressionNames;
  if (names !== undefined && !(isObject(names) && Object.values(names).every((n) => typeof n === 'string'))) {
    return refuse(name, 'projection.expressionNames must map names to attribute names');
  }
  return { ProjectionExpression: projection.expression, ExpressionAttributeNames: names as Record<string, string> | undefined };
}

function connectionError(error: unknown): { message: string; type: string } {
  return { message: error instanceof Error ? error.message : String(error), type: 'DynamoDB:NetworkingError' };
}

/** Runs one request; a DynamoDB failure resolves as `ctx.error`, a malformed request rejects. */
export function createDynamoDbDataSource(options: DynamoDbDataSourceOptions): (request: DynamoDbRequest) => Promise<DataSourceOutcome> {
  const { name, wire, tableName } = options;
  return async (request) => {
    const action = SUPPORTED_OPERATIONS[request.operation];
    if (action === undefined) {
      return refuse(name, `operation ${JSON.stringify(request.operation)} is not supported by the local cloud yet (it runs ${Object.keys(SUPPORTED_OPERATIONS).join(', ')})`);
    }
    if (!options.actions.includes(action)) {
      return {
        result: null,
        error: { type: 'DynamoDB:AccessDeniedException', message: `The data source role of ${name} is not authorized to perform ${action} on ${tableName}` },
      };
    }
    if (!isAttributeMap(request.key)) return refuse(name, 'GetItem needs key as DynamoDB attribute values (util.dynamodb.toMapValues)');
    if (request.consistentRead !== undefined && typeof request.consistentRead !== 'boolean') {
      return refuse(name, 'consistentRead must be a boolean');
    }
    const input = { TableName: tableName, Key: request.key, ConsistentRead: request.consistentRead, ...projectionOf(name, request.projection) };
    try {
      const answer = await wire.call('GetItem', input);
      if (answer.status !== 200) return { result: null, error: answerError(answer) };
      const item = answer.body.Item as Record<string, AttributeValue> | undefined;
      return { result: item === undefined ? null : fromAttributeMap(item), error: null };
    } catch (error) {
      return { result: null, error: connectionError(error) };
    }
  };
}

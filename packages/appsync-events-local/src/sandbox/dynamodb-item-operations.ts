/**
 * GetItem, PutItem, DeleteItem and UpdateItem on the data source's table, with AppSync's results:
 * the item read, the item written (Put), the item removed (Delete), the item after the update
 * (Update), as plain JSON, null when there is none.
 *
 * A failed condition is handled as AppSync's DynamoDB data source handles it: the item is read
 * again (strongly consistent unless `condition.consistentRead` is false); a Put whose item is
 * already what it would write (fields in `equalsIgnore` aside), or a Delete whose item is already
 * gone, succeeds; otherwise `ctx.error` is `DynamoDB:ConditionalCheckFailedException` and
 * `ctx.result` the item as it is. A `Custom` conditionalCheckFailedHandler (a Lambda) is refused.
 */
import type { DataSourceOutcome, DynamoDbRequest } from '../events/contracts.ts';
import { fromAttributeMap } from './attribute-values.ts';
import { type DynamoDbAccess, failed } from './dynamodb-access.ts';
import {
  type AttributeMap,
  attributeMapField,
  expressionField,
  type ExpressionParts,
  isObject,
  optionalField,
  placeholderInput,
  projectionField,
  refuse,
} from './dynamodb-request-fields.ts';

type Write = 'PutItem' | 'DeleteItem' | 'UpdateItem';

const CONDITION_FAILED = 'DynamoDB:ConditionalCheckFailedException';

function plain(item: unknown): Record<string, unknown> | null {
  return item === undefined || item === null ? null : fromAttributeMap(item as AttributeMap);
}

function conditionOf(access: DynamoDbAccess, request: DynamoDbRequest): { parts?: ExpressionParts; equalsIgnore: string[]; consistentRead: boolean } {
  const condition = request.condition;
  const parts = expressionField(access.name, 'condition', condition);
  if (!isObject(condition)) return { parts, equalsIgnore: [], consistentRead: true };
  const handler = condition.conditionalCheckFailedHandler;
  if (isObject(handler) && handler.strategy === 'Custom') {
    refuse(access.name, 'a Custom conditionalCheckFailedHandler (a Lambda deciding) is not run by the local cloud; use Reject');
  }
  const equalsIgnore = Array.isArray(condition.equalsIgnore) ? condition.equalsIgnore.filter((f): f is string => typeof f === 'string') : [];
  return { parts, equalsIgnore, consistentRead: condition.consistentRead !== false };
}

function versioningRefused(access: DynamoDbAccess, request: DynamoDbRequest): void {
  if (request._version !== undefined || request.customPartitionKey !== undefined || request.populateIndexFields !== undefined) {
    refuse(access.name, '_version, customPartitionKey and populateIndexFields belong to versioned (conflict detection) data sources, which Event APIs do not have');
  }
}

function withoutFields(item: Record<string, unknown> | null, fields: readonly string[]): string {
  if (item === null) return 'null';
  const sorted = Object.keys(item).filter((k) => !fields.includes(k)).sort();
  return JSON.stringify(sorted.map((k) => [k, item[k]]));
}

async function afterFailedCondition(
  access: DynamoDbAccess,
  operation: Write,
  key: AttributeMap,
  condition: ReturnType<typeof conditionOf>,
  written: Record<string, unknown> | null,
): Promise<DataSourceOutcome> {
  const read = await access.call('GetItem', { TableName: access.tableName, Key: key, ConsistentRead: condition.consistentRead });
  if (!read.ok) return failed(read.error);
  const current = plain(read.body.Item);
  const already =
    (operation === 'DeleteItem' && current === null) ||
    (operation === 'PutItem' && withoutFields(current, condition.equalsIgnore) === withoutFields(written, condition.equalsIgnore));
  if (already) return { result: current, error: null };
  return failed({ type: CONDITION_FAILED, message: 'The conditional request failed' }, current);
}

export async function runGetItem(access: DynamoDbAccess, request: DynamoDbRequest): Promise<DataSourceOutcome> {
  const key = attributeMapField(access.name, 'key', request.key);
  const projection = projectionField(access.name, request.projection);
  const answer = await access.call('GetItem', {
    TableName: access.tableName,
    Key: key,
    ConsistentRead: optionalField<boolean>(access.name, 'consistentRead', request.consistentRead, 'boolean'),
    ...(projection === undefined ? {} : { ProjectionExpression: projection.expression }),
    ...placeholderInput(access.name, [projection]),
  });
  return answer.ok ? { result: plain(answer.body.Item), error: null } : failed(answer.error);
}

export async function runWriteItem(access: DynamoDbAccess, operation: Write, request: DynamoDbRequest): Promise<DataSourceOutcome> {
  versioningRefused(access, request);
  const key = attributeMapField(access.name, 'key', request.key);
  const condition = conditionOf(access, request);
  const update = operation === 'UpdateItem' ? expressionField(access.name, 'update', request.update) : undefined;
  if (operation === 'UpdateItem' && update === undefined) refuse(access.name, 'UpdateItem needs update: { expression, … }');
  const item = operation === 'PutItem' ? { ...attributeMapField(access.name, 'attributeValues', request.attributeValues ?? {}, true), ...key } : undefined;
  const input = {
    TableName: access.tableName,
    ...(item === undefined ? { Key: key } : { Item: item }),
    ...(update === undefined ? {} : { UpdateExpression: update.expression }),
    ...(condition.parts === undefined ? {} : { ConditionExpression: condition.parts.expression }),
    ...placeholderInput(access.name, [update, condition.parts]),
    ...(operation === 'PutItem' ? {} : { ReturnValues: operation === 'UpdateItem' ? 'ALL_NEW' : 'ALL_OLD' }),
  };
  const answer = await access.call(operation, input);
  if (answer.ok) return { result: item === undefined ? plain(answer.body.Attributes) : plain(item), error: null };
  if (answer.error.type === CONDITION_FAILED && condition.parts !== undefined) {
    return afterFailedCondition(access, operation, key, condition, item === undefined ? null : plain(item));
  }
  return failed(answer.error);
}

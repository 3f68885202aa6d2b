/**
 * TransactGetItems and TransactWriteItems across the tables the request names (physical names),
 * with AppSync's results: `{ items: [item | null, …], cancellationReasons: null }` and
 * `{ keys: [key, …], cancellationReasons: null }`. A cancelled transaction answers
 * `ctx.error` `DynamoDB:TransactionCanceledException` and a result whose `items`/`keys` are null
 * and whose `cancellationReasons` say, in request order, `{ type, message }` for each item (with
 * the item as it is when its condition asked for `returnValuesOnConditionCheckFailure`).
 * IAM asks for `dynamodb:GetItem` per item read, and Put/Update/Delete/ConditionCheckItem per write.
 *
 * dynalite has no TransactGetItems: on it the reads are strongly consistent GetItems in order
 * (nothing writes in between in a single-process local cloud's handler call, but it is not a
 * snapshot under concurrent writers).
 */
import type { DataSourceOutcome, DynamoDbRequest } from '../events/contracts.ts';
import { fromAttributeMap } from './attribute-values.ts';
import { type DataSourceError, type DynamoDbAccess, type DynamoDbAction, failed } from './dynamodb-access.ts';
import {
  type AttributeMap,
  attributeMapField,
  expressionField,
  isObject,
  listField,
  placeholderInput,
  projectionField,
  refuse,
} from './dynamodb-request-fields.ts';

const WRITE_ACTIONS: Record<string, DynamoDbAction> = {
  PutItem: 'dynamodb:PutItem',
  UpdateItem: 'dynamodb:UpdateItem',
  DeleteItem: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

interface Reason {
  Code?: string;
  Message?: string;
  Item?: AttributeMap;
}

function cancellation(error: DataSourceError, body: Record<string, unknown>, field: 'items' | 'keys'): DataSourceOutcome {
  const reasons = Array.isArray(body.CancellationReasons)
    ? (body.CancellationReasons as Reason[]).map((r) => ({
        type: r.Code ?? 'None',
        message: r.Message ?? null,
        ...(r.Item === undefined ? {} : { item: fromAttributeMap(r.Item) }),
      }))
    : null;
  return failed(error, reasons === null ? null : { [field]: null, cancellationReasons: reasons });
}

function tableOf(access: DynamoDbAccess, entry: Record<string, unknown>, i: number): string {
  if (typeof entry.table !== 'string' || entry.table === '') refuse(access.name, `transactItems[${i}].table must name a table`);
  return entry.table as string;
}

export async function runTransactGet(access: DynamoDbAccess, request: DynamoDbRequest): Promise<DataSourceOutcome> {
  const gets = listField(access.name, 'transactItems', request.transactItems).map((entry, i) => {
    if (!isObject(entry)) return refuse(access.name, `transactItems[${i}] must be { table, key, projection? }`);
    const projection = projectionField(access.name, entry.projection);
    return {
      TableName: tableOf(access, entry, i),
      Key: attributeMapField(access.name, `transactItems[${i}].key`, entry.key),
      ...(projection === undefined ? {} : { ProjectionExpression: projection.expression }),
      ...placeholderInput(access.name, [projection]),
    };
  });
  const denied = gets.map((g) => access.check('dynamodb:GetItem', g.TableName)).find((d) => d !== null);
  if (denied) return failed(denied);
  const answer = await access.call('TransactGetItems', { TransactItems: gets.map((Get) => ({ Get })) });
  if (answer.ok) {
    const responses = (answer.body.Responses ?? []) as { Item?: AttributeMap }[];
    return { result: { items: gets.map((_, i) => (responses[i]?.Item ? fromAttributeMap(responses[i].Item) : null)), cancellationReasons: null }, error: null };
  }
  if (answer.error.type === 'DynamoDB:UnknownOperationException') return readOneByOne(access, gets);
  return answer.error.type === 'DynamoDB:TransactionCanceledException' ? cancellation(answer.error, answer.body, 'items') : failed(answer.error);
}

async function readOneByOne(access: DynamoDbAccess, gets: readonly Record<string, unknown>[]): Promise<DataSourceOutcome> {
  const items: unknown[] = [];
  for (const get of gets) {
    const read = await access.call('GetItem', { ...get, ConsistentRead: true });
    if (!read.ok) return failed(read.error);
    items.push(read.body.Item === undefined ? null : fromAttributeMap(read.body.Item as AttributeMap));
  }
  return { result: { items, cancellationReasons: null }, error: null };
}

function transactWrite(access: DynamoDbAccess, entry: unknown, i: number): { action: DynamoDbAction; table: string; key: AttributeMap; item: Record<string, unknown> } {
  if (!isObject(entry) || typeof entry.operation !== 'string' || WRITE_ACTIONS[entry.operation] === undefined) {
    return refuse(access.name, `transactItems[${i}].operation must be PutItem, UpdateItem, DeleteItem or ConditionCheck`);
  }
  const table = tableOf(access, entry, i);
  const key = attributeMapField(access.name, `transactItems[${i}].key`, entry.key);
  const condition = expressionField(access.name, `transactItems[${i}].condition`, entry.condition);
  const update = entry.operation === 'UpdateItem' ? expressionField(access.name, `transactItems[${i}].update`, entry.update) : undefined;
  if (entry.operation === 'UpdateItem' && update === undefined) refuse(access.name, `transactItems[${i}] (UpdateItem) needs update`);
  if (entry.operation === 'ConditionCheck' && condition === undefined) refuse(access.name, `transactItems[${i}] (ConditionCheck) needs a condition`);
  const returnOld = isObject(entry.condition) && entry.condition.returnValuesOnConditionCheckFailure === true;
  const body = {
    TableName: table,
    ...(entry.operation === 'PutItem'
      ? { Item: { ...attributeMapField(access.name, `transactItems[${i}].attributeValues`, entry.attributeValues ?? {}, true), ...key } }
      : { Key: key }),
    ...(update === undefined ? {} : { UpdateExpression: update.expression }),
    ...(condition === undefined ? {} : { ConditionExpression: condition.expression }),
    ...placeholderInput(access.name, [update, condition]),
    ...(returnOld ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } : {}),
  };
  const wrapper = { PutItem: 'Put', UpdateItem: 'Update', DeleteItem: 'Delete', ConditionCheck: 'ConditionCheck' }[entry.operation] as string;
  return { action: WRITE_ACTIONS[entry.operation] as DynamoDbAction, table, key, item: { [wrapper]: body } };
}

export async function runTransactWrite(access: DynamoDbAccess, request: DynamoDbRequest): Promise<DataSourceOutcome> {
  const writes = listField(access.name, 'transactItems', request.transactItems).map((entry, i) => transactWrite(access, entry, i));
  const denied = writes.map((w) => access.check(w.action, w.table)).find((d) => d !== null);
  if (denied) return failed(denied);
  const answer = await access.call('TransactWriteItems', { TransactItems: writes.map((w) => w.item) });
  if (answer.ok) return { result: { keys: writes.map((w) => fromAttributeMap(w.key)), cancellationReasons: null }, error: null };
  return answer.error.type === 'DynamoDB:TransactionCanceledException' ? cancellation(answer.error, answer.body, 'keys') : failed(answer.error);
}

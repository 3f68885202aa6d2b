/**
 * DynamoDB attribute values both ways, as AppSync converts them: `util.dynamodb.toDynamoDB` and
 * `toMapValues` on the way to a DynamoDB data source, and the item it hands a handler as
 * `ctx.result` (plain JSON) on the way back. Pure.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `util.dynamodb.toDynamoDB`: a string is `S`, a number `N`, a boolean `BOOL`, null `NULL`, an
 * array `L`, an object `M` (AppSync infers no sets). Anything else is not JSON and is refused.
 */
export function toAttributeValue(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`util.dynamodb.toDynamoDB cannot convert ${value}`);
    return { N: String(value) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toAttributeValue) };
  if (isPlainObject(value)) return { M: toAttributeMap(value) };
  throw new TypeError(`util.dynamodb.toDynamoDB cannot convert a ${typeof value}`);
}

/** `util.dynamodb.toMapValues`: each value of an object through `toAttributeValue`. */
export function toAttributeMap(value: unknown): Record<string, AttributeValue> {
  if (!isPlainObject(value)) throw new TypeError('util.dynamodb.toMapValues expects an object');
  return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, toAttributeValue(field)]));
}

/** One attribute as a handler sees it in `ctx.result`: numbers as numbers, sets as arrays, binary as base64. */
export function fromAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.L !== undefined) return value.L.map(fromAttributeValue);
  if (value.M !== undefined) return fromAttributeMap(value.M);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.B !== undefined) return Buffer.from(value.B).toString('base64');
  if (value.BS !== undefined) return value.BS.map((b) => Buffer.from(b).toString('base64'));
  throw new TypeError(`Unknown DynamoDB attribute value: ${JSON.stringify(value)}`);
}

export function fromAttributeMap(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, fromAttributeValue(value)]));
}

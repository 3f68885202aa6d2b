/**
 * An item's size as DynamoDB bills it: per attribute, the UTF-8 bytes of its name plus its value
 * (strings: UTF-8 bytes; numbers: about 1 byte per 2 significant digits + 1; booleans and null:
 * 1; maps and lists: 3 + 1 per element + their elements). A read costs 0.5 RCU (eventually
 * consistent) per 4 KB of the summed sizes of the items a Query returns; a write 1 WCU per 1 KB
 * of the item, and again per index it appears in.
 */
export function dynamoItemSize(item: object): number {
  return Object.entries(item).reduce((sum, [name, value]) => (value === undefined ? sum : sum + utf8(name) + valueSize(value)), 0);
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number') return Math.ceil(significantDigits(value) / 2) + 1;
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + valueSize(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueSize(v), 0);
  if (typeof value === 'object') {
    return 3 + Object.entries(value).reduce((sum, [name, v]) => (v === undefined ? sum : sum + 1 + utf8(name) + valueSize(v)), 0);
  }
  throw new TypeError(`Not a DynamoDB value: ${typeof value}`);
}

function utf8(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function significantDigits(value: number): number {
  return String(Math.abs(value)).replace('.', '').replace(/e.*$/, '').replace(/^0+/, '').replace(/0+$/, '').length || 1;
}

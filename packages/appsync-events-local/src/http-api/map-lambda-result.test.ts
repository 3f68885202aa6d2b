import { describe, expect, it } from 'vitest';
import { mapLambdaResult } from './map-lambda-result.ts';

function text(result: unknown) {
  const response = mapLambdaResult(result);
  return { ...response, body: response.body.toString() };
}

describe('mapLambdaResult', () => {
  it('uses a structured response as is', () => {
    expect(
      text({ statusCode: 201, headers: { 'Content-Type': 'text/plain', 'X-Count': 3 }, cookies: ['a=1', 'b=2'], body: 'made' }),
    ).toEqual({ statusCode: 201, headers: { 'content-type': 'text/plain', 'x-count': '3' }, cookies: ['a=1', 'b=2'], body: 'made' });
  });

  it('decodes a base64 body', () => {
    const response = mapLambdaResult({ statusCode: 200, body: Buffer.from([0, 255]).toString('base64'), isBase64Encoded: true });

    expect([...response.body]).toEqual([0, 255]);
  });

  it('sends an empty body when a structured response has none', () => {
    expect(text({ statusCode: 204 })).toMatchObject({ statusCode: 204, body: '' });
  });

  it('serializes any other JSON value as a 200 application/json body', () => {
    expect(text({ items: [1], next: null })).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: '{"items":[1],"next":null}',
    });
    expect(text([1, 2]).body).toBe('[1,2]');
    expect(text(null).body).toBe('null');
    expect(text(42).body).toBe('42');
  });

  it('sends a returned string as the body itself', () => {
    expect(text('Hello from Lambda!')).toMatchObject({ statusCode: 200, body: 'Hello from Lambda!' });
  });

  it.each([
    { statusCode: '200' },
    { statusCode: 99 },
    { statusCode: 200, body: { not: 'a string' } },
    { statusCode: 200, headers: { x: { nested: true } } },
    { statusCode: 200, cookies: 'a=1' },
  ])('answers 500 for an unusable structured response %j', (result) => {
    expect(text(result)).toMatchObject({ statusCode: 500, body: '{"message":"Internal Server Error"}' });
  });
});

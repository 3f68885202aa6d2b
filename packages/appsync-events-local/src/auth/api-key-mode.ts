/**
 * API_KEY: the `x-api-key` header must be one of the API's keys and not past its `Expires`
 * (epoch seconds, as `AWS::AppSync::ApiKey` sets it). Pure.
 */
import { timingSafeEqual } from 'node:crypto';
import type { ModeDecision } from './decision.ts';

/** An `AWS::AppSync::ApiKey` of the API: the key value the emulator serves (its `ApiKey` attribute) and its `Expires`. */
export interface ApiKeyRecord {
  key: string;
  /** Epoch seconds; absent: the key does not expire locally. */
  expires?: number;
}

function sameKey(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function checkApiKey(presented: string, keys: readonly ApiKeyRecord[], now: Date): ModeDecision {
  const record = keys.find((candidate) => sameKey(candidate.key, presented));
  if (!record) return { ok: false, message: 'The API key is not valid for this API' };
  if (record.expires !== undefined && record.expires * 1000 <= now.getTime()) {
    return { ok: false, message: 'The API key has expired' };
  }
  return { ok: true, identity: null };
}

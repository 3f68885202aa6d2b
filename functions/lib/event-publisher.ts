import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { AppError } from './errors.ts';

/** Server-side publishing to the Event API (HTTP `POST /event`, signed with IAM SigV4). */
export interface EventPublisher {
  /** Publishes `events` (each JSON-serialized) on `channel`; a PublishFailedError if any is refused. */
  publish(channel: string, events: unknown[]): Promise<void>;
}

export interface EventPublisherOptions {
  /** The Event API's HTTP endpoint, `https://<http domain>/event`. */
  url: string;
  region: string;
  /** The function's own credentials (the execution role's, as the Lambda runtime sets them). */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The Event API refused or failed a publish; what it guarded may already be stored. */
export class PublishFailedError extends AppError {
  readonly code = 'PUBLISH_FAILED';
  readonly httpStatus = 502;
}

export function createEventPublisher(options: EventPublisherOptions): EventPublisher {
  const url = new URL(options.url);
  const send = options.fetch ?? fetch;
  const signer = new SignatureV4({ credentials: options.credentials, region: options.region, service: 'appsync', sha256: Sha256 });
  return {
    async publish(channel, events) {
      const body = JSON.stringify({ channel, events: events.map((event) => JSON.stringify(event)) });
      const signed = await signer.sign({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        query: {},
        headers: { accept: 'application/json', 'content-type': 'application/json; charset=UTF-8', host: url.host },
        body,
      });
      let response: Response;
      try {
        response = await send(url, {
          method: 'POST',
          headers: signed.headers,
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
        });
      } catch (error) {
        throw new PublishFailedError(`Publishing on ${channel} failed: ${(error as Error).message}`, { cause: error });
      }
      const text = await response.text();
      if (!response.ok) throw new PublishFailedError(`Publishing on ${channel} failed: HTTP ${response.status} ${text.slice(0, 300)}`);
      const failed = parseFailed(text);
      if (failed.length > 0) throw new PublishFailedError(`Publishing on ${channel} failed for ${failed.length} event(s): ${JSON.stringify(failed).slice(0, 300)}`);
    },
  };
}

function parseFailed(text: string): unknown[] {
  try {
    const parsed = JSON.parse(text) as { failed?: unknown };
    return Array.isArray(parsed.failed) ? parsed.failed : [];
  } catch {
    return [];
  }
}

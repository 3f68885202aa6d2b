import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVENTS_FAILED_METRIC } from './metric-names.ts';
import { createMetrics } from './metrics.ts';

/** The EMF documents Powertools wrote to stdout (CloudWatch turns each into metrics). */
function captureEmf(): () => Record<string, unknown>[] {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return () => lines.flatMap((line) => line.split('\n')).filter((line) => line.includes('_aws')).map((line) => JSON.parse(line) as Record<string, unknown>);
}

afterEach(() => vi.restoreAllMocks());

describe('createMetrics: countByCode', () => {
  it('writes one metric with the service and code dimensions, as the dashboard searches for it', () => {
    const emf = captureEmf();
    const metrics = createMetrics({ namespace: 'Parley', serviceName: 'persist-messages', disabled: false });

    metrics.countByCode(EVENTS_FAILED_METRIC, 'RATE_LIMITED', 3);

    const [doc] = emf();
    expect(doc).toMatchObject({ service: 'persist-messages', code: 'RATE_LIMITED', [EVENTS_FAILED_METRIC]: 3 });
    const [directive] = (doc?._aws as { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] }).CloudWatchMetrics;
    expect(directive?.Namespace).toBe('Parley');
    expect(directive?.Dimensions[0]?.sort()).toEqual(['code', 'service']);
  });

  it('writes nothing for a zero, or when metrics are off', () => {
    const emf = captureEmf();

    createMetrics({ namespace: 'Parley', serviceName: 'persist-messages', disabled: false }).countByCode(EVENTS_FAILED_METRIC, 'MUTED', 0);
    createMetrics({ namespace: 'Parley', serviceName: 'persist-messages', disabled: true }).countByCode(EVENTS_FAILED_METRIC, 'MUTED', 2);

    expect(emf()).toEqual([]);
  });
});

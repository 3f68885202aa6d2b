import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The few metric operations our functions need, so tests can record them without CloudWatch. */
export interface MetricsSink {
  count(name: string, value: number): void;
  /**
   * Counts under an extra `code` dimension (an `EventErrorCode`), written at once as a metric of
   * its own, so the dashboard can show one line per code. Nothing is written for a zero.
   */
  countByCode(name: string, code: string, value: number): void;
  /** Writes the buffered metrics (EMF on stdout, which CloudWatch ingests) and clears them. */
  flush(): void;
}

export interface MetricsOptions {
  namespace: string;
  serviceName: string;
  /** Drop metrics instead of printing them (local runs, tests). */
  disabled: boolean;
}

export function createMetrics(options: MetricsOptions): MetricsSink {
  const metrics = new Metrics({ namespace: options.namespace, serviceName: options.serviceName });
  return {
    count(name, value) {
      metrics.addMetric(name, MetricUnit.Count, value);
    },
    countByCode(name, code, value) {
      if (options.disabled || value === 0) return;
      // A single metric carries the function's default dimensions (service) plus this one.
      const single = metrics.singleMetric();
      single.addDimension('code', code);
      single.addMetric(name, MetricUnit.Count, value);
    },
    flush() {
      // Powertools reads its own "disabled" flag from process.env only; honour ours from `env` too.
      if (options.disabled) metrics.clearMetrics();
      else metrics.publishStoredMetrics();
    },
  };
}

/** Metrics as a function's Powertools env settings say (namespace defaults to `Parley`). */
export function metricsFromEnv(
  env: { POWERTOOLS_METRICS_NAMESPACE?: string; POWERTOOLS_SERVICE_NAME?: string; POWERTOOLS_METRICS_DISABLED?: string },
  defaultServiceName: string,
): MetricsSink {
  return createMetrics({
    namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? 'Parley',
    serviceName: env.POWERTOOLS_SERVICE_NAME ?? defaultServiceName,
    disabled: env.POWERTOOLS_METRICS_DISABLED === 'true',
  });
}

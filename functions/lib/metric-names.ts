/**
 * Names the functions publish metrics under and the dashboard reads, defined once for both.
 * `service` (Powertools' default dimension) is each function's name.
 */

/** The CloudWatch namespace of every function's custom metrics, unless its env names another. */
export const METRICS_NAMESPACE = 'Parley';

/** Events a function failed, one count per event, with a `code` dimension (an `EventErrorCode`). */
export const EVENTS_FAILED_METRIC = 'EventsFailed';

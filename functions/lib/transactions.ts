/**
 * Reading a `TransactWriteItems` refusal. DynamoDB cancels the whole transaction and says, per
 * action in request order, why: `None` (that action was fine), `ConditionalCheckFailed`,
 * `TransactionConflict` (another transaction held one of the items: try again), and others.
 */
export interface Cancellation {
  /** One code per action, in request order. */
  codes: string[];
}

/** The cancellation `error` is, or null when it is some other error. */
export function cancellationOf(error: unknown): Cancellation | null {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return null;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return { codes: reasons.map((reason) => reason.Code ?? 'None') };
}

/** True when a transaction lost only to another one in flight, so the same request may succeed now. */
export function isConflictOnly(cancellation: Cancellation): boolean {
  return cancellation.codes.includes('TransactionConflict') && cancellation.codes.every((code) => code === 'None' || code === 'TransactionConflict');
}

/** How often a transaction that lost to another one is sent again before the error stands. */
export const TRANSACTION_ATTEMPTS = 3;

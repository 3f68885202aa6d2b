/**
 * Lets many ordinary requests run at once, or one transaction alone: a transaction waits until
 * the requests already running have answered, and requests that arrive meanwhile wait until it
 * is done. That is the isolation DynamoDB gives a TransactWriteItems against other writes.
 */
export interface RequestGate {
  /** Runs `start` when no transaction holds the gate; `done` must be called once it has answered. */
  shared(start: (done: () => void) => void): void;
  /** Runs `work` alone: after every running request is done, before any new one starts. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
}

export function createRequestGate(): RequestGate {
  let running = 0;
  let idle: (() => void) | undefined;
  let closed: Promise<void> = Promise.resolve();
  let transactions = 0;

  const finish = () => {
    running -= 1;
    if (running === 0) idle?.();
  };

  const admit = (start: (done: () => void) => void) => {
    running += 1;
    let finished = false;
    start(() => {
      if (finished) return;
      finished = true;
      finish();
    });
  };

  const shared = (start: (done: () => void) => void): void => {
    if (transactions === 0) return admit(start);
    // `closed` settles when the transactions queued before this request are done.
    void closed.then(() => shared(start));
  };

  return {
    shared,

    exclusive(work) {
      transactions += 1;
      const previous = closed;
      const result = previous.then(async () => {
        if (running > 0) await new Promise<void>((resolve) => (idle = resolve));
        idle = undefined;
        return work();
      });
      closed = result.then(
        () => void (transactions -= 1),
        () => void (transactions -= 1),
      );
      return result;
    },
  };
}

import { type Logger } from '@nestjs/common';
import { type RetryNotice } from '@ledger/event-store';

/** Logs each retry of a tailing subscription the store dropped, so an operator sees the outage and its backoff. */
export const logSubscriptionRetry =
  (logger: Logger) =>
  ({ attempt, delayMs, error, fromPosition }: RetryNotice): void =>
    logger.warn(
      `subscription dropped (${error.message}); retry ${attempt} in ${delayMs} ms from position ${fromPosition ?? 0}`,
    );

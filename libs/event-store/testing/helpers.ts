import { type EventToAppend, type RecordedEvent, type Subscription } from '../src';

export async function collect(iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const event of iterable) out.push(event);
  return out;
}

/** Reads `count` events from a subscription, failing after `timeoutMs` with what arrived so far. */
export async function take(subscription: Subscription, count: number, timeoutMs = 10_000): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  if (count === 0) return out;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`subscription delivered ${out.length} of ${count} events in ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  // Pull with next() rather than `for await … break`, which would close the subscription.
  const iterator = subscription[Symbol.asyncIterator]();
  const reading = (async () => {
    while (out.length < count) {
      const next = await iterator.next();
      if (next.done) break;
      out.push(next.value);
    }
    return out;
  })();
  try {
    return await Promise.race([reading, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const ev = (type: string, n = 0): EventToAppend => ({ type, data: { n }, metadata: { schemaVersion: 1 } });

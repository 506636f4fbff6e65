import { type RawEventRow } from '@ledger/event-store';

/** Anything that pages stored rows without parsing them, as SqliteEventStore.rawPage does. */
export interface RawRowSource {
  rawPage(afterPosition: number, limit: number): RawEventRow[];
}

/** Every stored row after `afterPosition`, page by page, in position order. */
export async function* rawEventRows(
  source: RawRowSource,
  afterPosition = 0,
  pageSize = 1000,
): AsyncGenerator<RawEventRow> {
  let after = afterPosition;
  for (;;) {
    const page = source.rawPage(after, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.position;
  }
}

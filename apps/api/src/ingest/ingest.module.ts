import { Module } from '@nestjs/common';
import { type EventStore } from '@ledger/event-store';
import { AppendService, IdempotencyRecords, LedgerCatalog, StreamStates } from '@ledger/ledger';
import { AppConfig } from '../config/app-config';
import { EVENT_STORE } from '../ledger/tokens';
import { StreamsController } from './streams.controller';

/**
 * The write path and its routes. StreamStates and IdempotencyRecords are providers of their own, the
 * instances AppendService uses, so a spec can reach them (e.g. to cut an append off before its record).
 */
@Module({
  controllers: [StreamsController],
  providers: [
    {
      provide: StreamStates,
      useFactory: (s: EventStore, c: LedgerCatalog) => new StreamStates(s, c),
      inject: [EVENT_STORE, LedgerCatalog],
    },
    { provide: IdempotencyRecords, useFactory: (s: EventStore) => new IdempotencyRecords(s), inject: [EVENT_STORE] },
    {
      provide: AppendService,
      useFactory: (s: EventStore, c: LedgerCatalog, st: StreamStates, i: IdempotencyRecords, config: AppConfig) =>
        new AppendService(s, c, st, i, config.MAX_EVENTS_PER_APPEND),
      inject: [EVENT_STORE, LedgerCatalog, StreamStates, IdempotencyRecords, AppConfig],
    },
  ],
  exports: [AppendService],
})
export class IngestModule {}

import { mkdirSync } from 'node:fs';
import { Logger, Module } from '@nestjs/common';
import { Projector, ReadModels, ReadModelStore, readModelsFile } from '@ledger/projections';
import { type EventStore } from '@ledger/event-store';
import { LedgerCatalog } from '@ledger/ledger';
import { AppConfig } from '../config/app-config';
import { EVENT_STORE, PROJECTOR_STATUS } from '../ledger/tokens';
import { logSubscriptionRetry } from '../store/subscription-retry-log';
import { ProjectorLifecycle } from './projector-lifecycle';

/**
 * This node's read models, kept current by its projector: every role runs it, an API node to serve
 * reads, a projector node to keep a warm copy. Serves no routes.
 */
@Module({
  providers: [
    {
      provide: ReadModels,
      useFactory: (config: AppConfig, catalog: LedgerCatalog) => {
        mkdirSync(config.DATA_DIR, { recursive: true });
        return new ReadModels(
          ReadModelStore.open({
            file: readModelsFile(config.DATA_DIR),
            catalog: catalog.streams,
            upcasters: catalog.upcasters,
          }),
        );
      },
      inject: [AppConfig, LedgerCatalog],
    },
    {
      provide: Projector,
      useFactory: (store: EventStore, models: ReadModels) =>
        new Projector(store, models, { onRetry: logSubscriptionRetry(new Logger('Projector')) }),
      inject: [EVENT_STORE, ReadModels],
    },
    ProjectorLifecycle,
    { provide: PROJECTOR_STATUS, useExisting: ProjectorLifecycle },
  ],
  exports: [ReadModels, Projector, PROJECTOR_STATUS],
})
export class ProjectionModule {}

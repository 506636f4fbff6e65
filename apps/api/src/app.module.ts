import { Module, type DynamicModule, type OnApplicationShutdown, Inject, Injectable, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { type EventStore } from '@ledger/event-store';
import { AppConfig } from './config/app-config';
import { validateConfig } from './config/validate-config';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AppendService, IdempotencyRecords, KeyRegistry, LedgerCatalog, StreamStates } from '@ledger/ledger';
import { KeyThrottlerGuard } from './auth/key-throttler.guard';
import { KeysController } from './auth/keys.controller';
import { HealthController } from './health/health.controller';
import { ProblemFilter } from './http/problem.filter';
import { StreamsController } from './ingest/streams.controller';
import { EVENT_STORE } from './ledger/tokens';
import { LedgerMetrics } from './metrics/ledger-metrics';
import { openEventStore } from './store/open-event-store';
import { projectionProviders } from './projection/projection.providers';
import { auditProviders } from './audit/audit.providers';
import { AuditController } from './audit/audit.controller';
import { RebuildController } from './projection/rebuild.controller';
import { liveControllers, liveProviders } from './live/live.controllers';
import { ProjectedReadModelSource } from './read/projected-read-model-source';
import { ReadModelSource } from './read/read-model-source';
import { ReadModelsController } from './read/read-models.controller';
import { RuleSetsController } from './rule-sets/rule-sets.controller';

/** Closes the store last, after Fastify stopped accepting and in-flight appends finished. */
@Injectable()
class StoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

export interface AppParts {
  config: AppConfig;
  catalog: LedgerCatalog;
  /** A store opened by the caller (tests, the CLI); otherwise opened from the config. */
  store?: EventStore;
}

@Module({})
export class AppModule {
  static register({ config, catalog, store }: AppParts): DynamicModule {
    const providers: Provider[] = [
      { provide: AppConfig, useValue: config },
      { provide: LedgerCatalog, useValue: catalog },
      store ? { provide: EVENT_STORE, useValue: store } : { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
      LedgerMetrics,
      { provide: KeyRegistry, useFactory: (s: EventStore) => new KeyRegistry(s), inject: [EVENT_STORE] },
      { provide: StreamStates, useFactory: (s: EventStore, c: LedgerCatalog) => new StreamStates(s, c), inject: [EVENT_STORE, LedgerCatalog] },
      { provide: IdempotencyRecords, useFactory: (s: EventStore) => new IdempotencyRecords(s), inject: [EVENT_STORE] },
      {
        provide: AppendService,
        useFactory: (s: EventStore, c: LedgerCatalog, st: StreamStates, i: IdempotencyRecords) => new AppendService(s, c, st, i, config.MAX_EVENTS_PER_APPEND),
        inject: [EVENT_STORE, LedgerCatalog, StreamStates, IdempotencyRecords],
      },
      StoreLifecycle,
      ...projectionProviders,
      ...auditProviders,
      ...liveProviders,
      ProjectedReadModelSource,
      { provide: ReadModelSource, useExisting: ProjectedReadModelSource },
      { provide: APP_FILTER, useClass: ProblemFilter },
      { provide: APP_GUARD, useClass: ApiKeyGuard },
      { provide: APP_GUARD, useClass: KeyThrottlerGuard },
    ];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: () => validateConfig({ ...config }) }),
        TerminusModule.forRoot({ errorLogStyle: 'json' }),
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }]),
      ],
      // A projector node (ROLE=projector) keeps read models and the audit log but serves only /health and /metrics.
      controllers: config.ROLE === 'projector' ? [HealthController] : [StreamsController, KeysController, RebuildController, ReadModelsController, RuleSetsController, AuditController, HealthController, ...liveControllers],
      providers,
      exports: [EVENT_STORE, KeyRegistry, LedgerCatalog, AppConfig, LedgerMetrics],
    };
  }
}

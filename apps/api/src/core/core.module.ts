import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { type EventStore } from '@ledger/event-store';
import { KeyRegistry, LedgerCatalog } from '@ledger/ledger';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { KeyThrottlerGuard } from '../auth/key-throttler.guard';
import { AppConfig } from '../config/app-config';
import { validateConfig } from '../config/validate-config';
import { ProblemFilter } from '../http/problem.filter';
import { EVENT_STORE } from '../ledger/tokens';
import { LedgerMetrics } from '../metrics/ledger-metrics';
import { openEventStore } from '../store/open-event-store';
import { StoreLifecycle } from './store-lifecycle';

export interface AppParts {
  config: AppConfig;
  catalog: LedgerCatalog;
  /** A store opened by the caller (tests, the CLI); otherwise opened from the config. */
  store?: EventStore;
}

/**
 * What every feature of every role needs: the configuration, the catalog, the store (closed last), the
 * metrics and the key registry; and what every request meets: API-key and rate-limit guards, problem+json.
 */
@Module({})
export class CoreModule {
  static register({ config, catalog, store }: AppParts): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: () => validateConfig({ ...config }) }),
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }]),
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: LedgerCatalog, useValue: catalog },
        store
          ? { provide: EVENT_STORE, useValue: store }
          : { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
        StoreLifecycle,
        LedgerMetrics,
        { provide: KeyRegistry, useFactory: (s: EventStore) => new KeyRegistry(s), inject: [EVENT_STORE] },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: KeyThrottlerGuard },
      ],
      exports: [AppConfig, LedgerCatalog, EVENT_STORE, LedgerMetrics, KeyRegistry],
    };
  }
}

import { Module } from '@nestjs/common';
import { type EventStore } from '@ledger/event-store';
import { AppConfig } from '../config/app-config';
import { LedgerMetrics } from '../metrics/ledger-metrics';
import { DashboardController } from '../dashboard/dashboard.controller';
import { EVENT_STORE } from '../ledger/tokens';
import { ReadModule } from '../read/read.module';
import { LiveEventsController } from './live-events.controller';
import { LiveFeed } from './live-feed';
import { LiveModelsController } from './live-models.controller';
import { LiveSessions } from './live-sessions';
import { LiveSettings } from './live-settings';

/** Live (SSE) endpoints and the web dashboard that reads them. */
@Module({
  imports: [ReadModule],
  controllers: [LiveModelsController, LiveEventsController, DashboardController],
  providers: [
    { provide: LiveSettings, useFactory: (config: AppConfig) => LiveSettings.fromConfig(config), inject: [AppConfig] },
    {
      provide: LiveSessions,
      useFactory: (settings: LiveSettings, metrics: LedgerMetrics) => new LiveSessions(settings, metrics),
      inject: [LiveSettings, LedgerMetrics],
    },
    { provide: LiveFeed, useFactory: (store: EventStore) => new LiveFeed(store), inject: [EVENT_STORE] },
  ],
})
export class LiveModule {}

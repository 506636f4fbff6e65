import { Logger, Module } from '@nestjs/common';
import { type EventStore } from '@ledger/event-store';
import { AuditTrail } from '@ledger/ledger';
import { AppConfig } from '../config/app-config';
import { EVENT_STORE } from '../ledger/tokens';
import { logSubscriptionRetry } from '../store/subscription-retry-log';
import { AuditLifecycle } from './audit-lifecycle';

/**
 * This node's audit log (hash chain, Merkle tree, signed checkpoints), kept current from the store:
 * every role runs it; AuditModule serves it to auditors. Serves no routes.
 */
@Module({
  providers: [
    {
      provide: AuditTrail,
      useFactory: (store: EventStore, config: AppConfig) =>
        AuditTrail.open(store, config.DATA_DIR, {
          checkpointIntervalMs: config.CHECKPOINT_INTERVAL_MS,
          onRetry: logSubscriptionRetry(new Logger('AuditTrail')),
          ...(config.SIGNING_KEY_FILE ? { signingKeyFile: config.SIGNING_KEY_FILE } : {}),
        }),
      inject: [EVENT_STORE, AppConfig],
    },
    AuditLifecycle,
  ],
  exports: [AuditTrail],
})
export class AuditTrailModule {}

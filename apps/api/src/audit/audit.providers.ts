import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { type EventStore } from '@ledger/event-store';
import { AppConfig } from '../config/app-config';
import { EVENT_STORE } from '../ledger/tokens';
import { logSubscriptionRetry } from '../store/subscription-retry-log';
import { AuditTrail } from '@ledger/ledger';

@Injectable()
export class AuditLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Audit');

  constructor(@Inject(AuditTrail) private readonly trail: AuditTrail) {}

  onApplicationBootstrap(): void {
    this.trail.start();
    this.logger.log(`audit log at tree size ${this.trail.log.head().treeSize}; checkpoints signed by key ${this.trail.key.keyId}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.trail.stop();
  }
}

export const auditProviders: Provider[] = [
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
];

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AuditTrail } from '@ledger/ledger';

@Injectable()
export class AuditLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Audit');

  constructor(@Inject(AuditTrail) private readonly trail: AuditTrail) {}

  onApplicationBootstrap(): void {
    this.trail.start();
    this.logger.log(
      `audit log at tree size ${this.trail.log.head().treeSize}; checkpoints signed by key ${this.trail.key.keyId}`,
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.trail.stop();
  }
}

import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuditTrailModule } from './audit/audit-trail.module';
import { type AppConfig } from './config/app-config';
import { CoreModule, type AppParts } from './core/core.module';
import { HealthModule } from './health/health.module';
import { IngestModule } from './ingest/ingest.module';
import { LiveModule } from './live/live.module';
import { ProjectionModule } from './projection/projection.module';
import { ReadModule } from './read/read.module';

/** What every node runs: its own read models and audit log kept current, /health and /metrics. */
const EVERY_NODE: Type[] = [ProjectionModule, AuditTrailModule, HealthModule];

/**
 * A role is a choice of features. An API node serves the API over its read models and audit log (the
 * features' order is the order of /docs); a projector node (ROLE=projector) keeps them current but serves
 * only /health and /metrics.
 */
const FEATURES: Record<AppConfig['ROLE'], Type[]> = {
  api: [IngestModule, ReadModule, LiveModule, AuditModule, AdminModule, ...EVERY_NODE],
  projector: EVERY_NODE,
};

/** The app: the core every feature needs, and the features of this node's role. */
@Module({})
export class AppModule {
  static register(parts: AppParts): DynamicModule {
    return { module: AppModule, imports: [CoreModule.register(parts), ...FEATURES[parts.config.ROLE]] };
  }
}

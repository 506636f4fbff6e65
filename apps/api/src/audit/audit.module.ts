import { Module } from '@nestjs/common';
import { ProjectionModule } from '../projection/projection.module';
import { ReadModule } from '../read/read.module';
import { AuditController } from './audit.controller';
import { AuditTrailModule } from './audit-trail.module';

/** The audit routes: checkpoints, proofs and export packages over this node's audit log and read models. */
@Module({
  imports: [AuditTrailModule, ProjectionModule, ReadModule],
  controllers: [AuditController],
})
export class AuditModule {}

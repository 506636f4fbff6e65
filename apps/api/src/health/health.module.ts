import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ProjectionModule } from '../projection/projection.module';
import { HealthController } from './health.controller';

/** /health and /metrics: the store and this node's projector, on every role. */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), ProjectionModule],
  controllers: [HealthController],
})
export class HealthModule {}

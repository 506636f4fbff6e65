import { Module } from '@nestjs/common';
import { ProjectionModule } from '../projection/projection.module';
import { ProjectedReadModelSource } from './projected-read-model-source';
import { ReadModelSource } from './read-model-source';
import { ReadModelsController } from './read-models.controller';

/** Read models and their explain routes, rendered from this node's projection (current or as of a past point). */
@Module({
  imports: [ProjectionModule],
  controllers: [ReadModelsController],
  providers: [ProjectedReadModelSource, { provide: ReadModelSource, useExisting: ProjectedReadModelSource }],
  exports: [ProjectedReadModelSource, ReadModelSource],
})
export class ReadModule {}

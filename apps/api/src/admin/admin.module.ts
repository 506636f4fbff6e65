import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module';
import { ProjectionModule } from '../projection/projection.module';
import { ReadModule } from '../read/read.module';
import { KeysController } from './keys.controller';
import { RebuildController } from './rebuild.controller';
import { RuleSetsController } from './rule-sets.controller';

/**
 * What operators do over HTTP: API keys, rebuilding read models, adopting rule sets (which auditors and dashboards
 * list).
 */
@Module({
  imports: [IngestModule, ProjectionModule, ReadModule],
  controllers: [KeysController, RebuildController, RuleSetsController],
})
export class AdminModule {}

import { Controller, Get, HttpCode, Inject, Logger, Post, Res, type OnModuleDestroy } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type EventStore } from '@ledger/event-store';
import { Projector, ReadModels, rebuild, RebuildDigestUnavailable, type RebuildResult } from '@ledger/projections';
import { Allow } from '../auth/allow.decorator';
import { conflict } from '../http/problem';
import { EVENT_STORE } from '../ledger/tokens';

interface RebuildStatus {
  state: 'idle' | 'running' | 'done' | 'failed';
  startedAt?: string;
  finishedAt?: string;
  done?: number;
  total?: number;
  result?: RebuildResult;
  error?: string;
}

/** Rebuild while serving: the old read models answer until the new ones catch up and swap in. */
@ApiTags('admin')
@ApiSecurity('api-key')
@Controller('v1/admin/rebuild')
@Allow('admin')
export class RebuildController implements OnModuleDestroy {
  private readonly logger = new Logger('Rebuild');
  private status: RebuildStatus = { state: 'idle' };
  private shuttingDown = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadModels) private readonly models: ReadModels,
    @Inject(Projector) private readonly projector: Projector,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Drop and replay every read model from position 0 in the background; progress at GET' })
  start(@Res({ passthrough: true }) reply: FastifyReply): RebuildStatus {
    if (this.status.state === 'running' || this.models.rebuilding)
      throw conflict('rebuild-in-progress', 'A rebuild is already running; follow it at GET /v1/admin/rebuild.');
    this.status = { state: 'running', startedAt: new Date().toISOString(), done: 0, total: 0 };
    void reply.header('location', '/v1/admin/rebuild');
    rebuild({
      eventStore: this.store,
      models: this.models,
      projector: this.projector,
      onProgress: ({ done, total }) => {
        this.status = { ...this.status, done, total };
      },
    }).then(
      (result) => {
        this.status = { ...this.status, state: 'done', finishedAt: new Date().toISOString(), result };
        this.logger.log(`rebuilt read models to position ${result.position}`);
      },
      (error: unknown) => {
        this.status = {
          ...this.status,
          state: 'failed',
          finishedAt: new Date().toISOString(),
          error: error instanceof Error ? error.message : String(error),
        };
        // Cut short before the swap, a rebuild leaves the live read models as they were; after it, only the digest is
        // missing.
        if (this.shuttingDown)
          this.logger.warn(
            `rebuild interrupted by shutdown: ${error instanceof RebuildDigestUnavailable ? this.status.error : 'the read models in use are unchanged'}`,
          );
        else this.logger.error(`rebuild failed: ${this.status.error}`);
      },
    );
    return this.status;
  }

  onModuleDestroy(): void {
    this.shuttingDown = true;
  }

  @Get()
  @ApiOperation({ summary: 'Progress of the latest rebuild (positions done of total)' })
  progress(): RebuildStatus {
    return this.status;
  }
}

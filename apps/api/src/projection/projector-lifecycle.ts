import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type Subscription } from 'rxjs';
import { Projector, ReadModels, type StreamStop } from '@ledger/projections';
import { type EventStore } from '@ledger/event-store';
import { AppConfig } from '../config/app-config';
import { EVENT_STORE, type ProjectorStatus } from '../ledger/tokens';

/**
 * What a lag counts on each store, and the lag above which /health reports the projector as degraded unless
 * PROJECTOR_LAG_DEGRADED_ABOVE says otherwise.
 */
const LAG = {
  sqlite: { unit: 'events', degradedAbove: 10_000 },
  eventstoredb: { unit: 'log bytes', degradedAbove: 10_000_000 },
} as const;

/** Starts the projector once the app is up and stops it (finishing its batch) before the store closes. */
@Injectable()
export class ProjectorLifecycle implements OnApplicationBootstrap, OnModuleDestroy, ProjectorStatus {
  private readonly logger = new Logger('Projector');
  private changes: Subscription | undefined;

  constructor(
    @Inject(Projector) private readonly projector: Projector,
    @Inject(ReadModels) private readonly models: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.logger.log(`read models ${this.models.current.opened} at position ${this.models.position}`);
    this.changes = this.models.changes$.subscribe(({ stopped }) => {
      for (const s of stopped)
        this.logger.error(
          `stream ${s.stream} stopped at the malformed ${s.eventType} event at position ${s.position}: ${s.reason}; its read models are withheld, others go on`,
        );
    });
    this.projector.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.changes?.unsubscribe();
    await this.projector.stop();
    this.models.close();
  }

  private foldProblems(): { stoppedStreams: number; firstStopped: StreamStop[]; skippedEvents: number } {
    const stopped = this.models.current.stoppedStreams(5);
    return {
      stoppedStreams: stopped.count,
      firstStopped: stopped.first,
      skippedEvents: this.models.current.skippedEvents().reduce((n, s) => n + s.count, 0),
    };
  }

  async status(): Promise<Awaited<ReturnType<ProjectorStatus['status']>>> {
    const headPosition = await this.store.headPosition();
    const checkpoint = this.projector.checkpoint;
    const failure = this.projector.failure;
    return {
      checkpoint,
      headPosition,
      lag: Math.max(0, headPosition - checkpoint),
      lagUnit: LAG[this.config.EVENT_STORE].unit,
      degradedAbove: this.config.PROJECTOR_LAG_DEGRADED_ABOVE ?? LAG[this.config.EVENT_STORE].degradedAbove,
      rebuilding: this.models.rebuilding,
      ...this.foldProblems(),
      ...(failure ? { error: failure.message } : {}),
    };
  }
}

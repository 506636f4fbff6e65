import { Controller, Get, Header, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { type EventStore } from '@ledger/event-store';
import { Public } from '../auth/allow.decorator';
import { LedgerMetrics } from '../metrics/ledger-metrics';
import { EVENT_STORE, PROJECTOR_STATUS, type ProjectorStatus } from '../ledger/tokens';

@ApiTags('operations')
@Controller()
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LedgerMetrics) private readonly metrics: LedgerMetrics,
    @Inject(PROJECTOR_STATUS) private readonly projector: ProjectorStatus,
  ) {}

  /**
   * 200 when every check is up, else 503 with the same body (`status: "error"`, and `error`/`details` naming
   * the failed check and why): an operator or orchestrator sees which check failed, e.g. a projector's error
   * and how far behind it stopped, not just that something did.
   */
  @Get('health')
  @HealthCheck()
  @ApiOperation({ summary: 'Store reachable; read models caught up (lag in positions)' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.checks();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  private checks(): Promise<HealthCheckResult> {
    return this.health.check([
      async () => {
        const session = this.indicators.check('store');
        try {
          return session.up({ headPosition: await this.store.headPosition() });
        } catch (error) {
          return session.down({ message: error instanceof Error ? error.message : String(error) });
        }
      },
      async () => {
        const session = this.indicators.check('projector');
        let status: Awaited<ReturnType<ProjectorStatus['status']>>;
        try {
          status = await this.projector.status();
        } catch (error) {
          // The lag needs the store's head: with the store unreachable, say so here too rather than fail the whole
          // check.
          return session.down({ message: `lag unknown: ${error instanceof Error ? error.message : String(error)}` });
        }
        this.metrics.projectorLag.set(status.lag);
        if (status.error) return session.down({ ...status, message: status.error });
        if (status.stoppedStreams > 0)
          return session.degraded({
            ...status,
            message: `${status.stoppedStreams} stream(s) stopped at a malformed stored event; their read models are withheld`,
          });
        return status.lag > status.degradedAbove ? session.degraded({ ...status }) : session.up({ ...status });
      },
    ]);
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics' })
  async metricsText(): Promise<string> {
    const status = await this.projector.status();
    this.metrics.projectorLag.set(status.lag);
    this.metrics.stoppedStreams.set(status.stoppedStreams);
    this.metrics.skippedEvents.set(status.skippedEvents);
    return this.metrics.registry.metrics();
  }
}

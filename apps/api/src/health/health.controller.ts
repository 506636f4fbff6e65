import { Controller, Get, Header, Inject, Optional } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
    @Optional() @Inject(PROJECTOR_STATUS) private readonly projector?: ProjectorStatus,
  ) {}

  @Get('health')
  @HealthCheck()
  @ApiOperation({ summary: 'Store reachable; read models caught up (lag in positions)' })
  check(): Promise<HealthCheckResult> {
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
        if (!this.projector) return session.up({ running: false, message: 'this node does not project (ROLE=api)' });
        const status = await this.projector.status();
        this.metrics.projectorLag.set(status.lag);
        if (status.error) return session.down({ ...status, message: status.error });
        return status.lag > status.degradedAbove ? session.degraded({ ...status }) : session.up({ ...status });
      },
    ]);
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics' })
  async metricsText(): Promise<string> {
    if (this.projector) this.metrics.projectorLag.set((await this.projector.status()).lag);
    return this.metrics.registry.metrics();
  }
}

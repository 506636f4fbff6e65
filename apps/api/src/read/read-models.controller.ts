import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Finding, type OrderView, type ProgramDashboard, type TraceStep } from '@ledger/domain';
import { type EventStore } from '@ledger/event-store';
import { Allow } from '../auth/allow.decorator';
import { badRequest, notFound } from '../http/problem';
import { EVENT_STORE } from '../ledger/tokens';
import { idsOf, sourceEvents, withSources } from '@ledger/ledger';
import { ProjectedReadModelSource } from './projected-read-model-source';
import { type RenderedModel } from './read-model-source';
import { streamOf } from './stream-of';

type OrderExplained = Pick<
  OrderView,
  'ruleSet' | 'program' | 'terms' | 'total' | 'stateShare' | 'districtShare' | 'earnedStateShare' | 'earnedReason'
>;
type ProgramExplained = Pick<ProgramDashboard, 'ruleSet' | 'funds' | 'terms'>;

const minPositionOf = (raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  if (!/^\d{1,15}$/.test(raw))
    throw badRequest('minPosition must be a global position.', [
      { field: 'minPosition', message: 'must be a non-negative integer' },
    ]);
  return Number(raw);
};

const asOfQuery = ApiQuery({
  name: 'asOf',
  required: false,
  description:
    'Replay: a global position or an ISO-8601 instant; the model exactly as it stood then, by the rules then in force',
});
const minPositionQuery = ApiQuery({
  name: 'minPosition',
  required: false,
  description:
    'Wait (up to 5 s) until the read models reflect this position — pass the position an append returned to read your own write',
});

/**
 * Read models, each with the position it reflects and an ETag (If-None-Match → 304). Dashboards see
 * current models; auditors also replay (`asOf`) and explain.
 */
@ApiTags('read models')
@ApiSecurity('api-key')
@Controller('v1')
@Allow('dashboard', 'auditor')
export class ReadModelsController {
  constructor(
    @Inject(ProjectedReadModelSource) private readonly source: ProjectedReadModelSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('funding-requests/:id')
  @ApiOperation({
    summary: 'Funding request (FRN): deductions, eligible cost, 30% rule, discount, commitment, findings',
  })
  @ApiParam({ name: 'id', example: '2025-0001' })
  @asOfQuery
  @minPositionQuery
  fundingRequest(
    @Param('id') id: string,
    @Query('asOf') asOf: string | undefined,
    @Query('minPosition') min: string | undefined,
    @Headers('if-none-match') inm: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.serve('funding-request', streamOf('frn', id), asOf, min, inm, reply);
  }

  @Get('funding-requests/:id/compliance')
  @ApiOperation({ summary: 'Open findings of one FRN by severity' })
  @asOfQuery
  frnCompliance(
    @Param('id') id: string,
    @Query('asOf') asOf: string | undefined,
    @Query('minPosition') min: string | undefined,
    @Headers('if-none-match') inm: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.serve('frn-compliance', streamOf('frn', id), asOf, min, inm, reply);
  }

  @Get('applicants/:id/compliance')
  @ApiOperation({ summary: 'Compliance status of an applicant: E-Rate and state-program findings by severity' })
  @asOfQuery
  @minPositionQuery
  applicantCompliance(
    @Param('id') id: string,
    @Query('asOf') asOf: string | undefined,
    @Query('minPosition') min: string | undefined,
    @Headers('if-none-match') inm: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.serve('compliance', streamOf('applicant', id), asOf, min, inm, reply);
  }

  @Get('programs/:id/dashboard')
  @ApiOperation({
    summary: 'State program dashboard: funds, devices and hotspots by LEA and vendor, shares, tiers, SLA breaches',
  })
  @asOfQuery
  @minPositionQuery
  programDashboard(
    @Param('id') id: string,
    @Query('asOf') asOf: string | undefined,
    @Query('minPosition') min: string | undefined,
    @Headers('if-none-match') inm: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.serve('program-dashboard', streamOf('program', id), asOf, min, inm, reply);
  }

  @Get('programs/:id/compliance')
  @ApiOperation({ summary: 'Open findings of a state program by severity' })
  @asOfQuery
  programCompliance(
    @Param('id') id: string,
    @Query('asOf') asOf: string | undefined,
    @Query('minPosition') min: string | undefined,
    @Headers('if-none-match') inm: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.serve('program-compliance', streamOf('program', id), asOf, min, inm, reply);
  }

  @Get('assets')
  @ApiOperation({ summary: 'Asset register of one FRN: locations, install dates, trade-in eligibility and status' })
  @ApiQuery({ name: 'frn', required: true, example: '2025-0001' })
  @asOfQuery
  assets(
    @Query('frn') frn: string | undefined,
    @Query('asOf') asOf: string | undefined,
    @Query('minPosition') min: string | undefined,
    @Headers('if-none-match') inm: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (frn === undefined)
      throw badRequest('Name the funding request: /v1/assets?frn=<id>.', [{ field: 'frn', message: 'is required' }]);
    return this.serve('asset-register', streamOf('frn', frn), asOf, min, inm, reply);
  }

  @Get('procurements/:id')
  @ApiOperation({ summary: 'Bid record: every bid, evaluation factors and weights, the winner and why' })
  @asOfQuery
  procurement(
    @Param('id') id: string,
    @Query('asOf') asOf: string | undefined,
    @Query('minPosition') min: string | undefined,
    @Headers('if-none-match') inm: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.serve('bid-record', streamOf('procurement', id), asOf, min, inm, reply);
  }

  @Get('funding-requests/:id/explain')
  @Allow('auditor')
  @ApiOperation({
    summary:
      'Decision trace of an FRN: each step, its rule, rule set, citation and the events (with positions) behind it',
  })
  @asOfQuery
  async explain(@Param('id') id: string, @Query('asOf') asOf: string | undefined): Promise<unknown> {
    const root = streamOf('frn', id);
    const { view, position, steps, findings } = await this.explained<{ ruleSet: string; status: string }>(
      'funding-request',
      root,
      asOf,
      `No funding request ${id}`,
    );
    return { frn: root, position, ruleSet: view.ruleSet, status: view.status, steps, findings };
  }

  @Get('orders/:id')
  @ApiOperation({
    summary:
      'State-program order: shares as placed and corrected, the state share earned and why, the terms version it was judged under, quotes against ordered and tier prices, findings',
  })
  @asOfQuery
  @minPositionQuery
  order(
    @Param('id') id: string,
    @Query('asOf') asOf: string | undefined,
    @Query('minPosition') min: string | undefined,
    @Headers('if-none-match') inm: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.serve('order', streamOf('order', id), asOf, min, inm, reply);
  }

  @Get('orders/:id/explain')
  @Allow('auditor')
  @ApiOperation({
    summary:
      "Why an order's state and district shares are what they are: terms version (event and effective date), rule, and the events (with positions) behind each step",
  })
  @asOfQuery
  async explainOrder(@Param('id') id: string, @Query('asOf') asOf: string | undefined): Promise<unknown> {
    const root = streamOf('order', id);
    const { view, position, steps, findings, sources } = await this.explained<OrderExplained>(
      'order',
      root,
      asOf,
      `No placed order ${id}`,
    );
    const terms = view.terms && {
      version: view.terms.version,
      eventId: view.terms.eventId,
      effectiveFrom: view.terms.effectiveFrom,
      position: sources.get(view.terms.eventId)?.position ?? null,
    };
    return {
      order: root,
      position,
      ruleSet: view.ruleSet,
      program: view.program,
      terms,
      total: view.total,
      stateShare: view.stateShare,
      districtShare: view.districtShare,
      earnedStateShare: view.earnedStateShare,
      earnedReason: view.earnedReason,
      steps,
      findings,
    };
  }

  @Get('programs/:id/explain')
  @Allow('auditor')
  @ApiOperation({
    summary:
      "How a program's committed and remaining totals were reached: its funds, each terms version, each order's earned state share, with the events (and positions) behind them",
  })
  @asOfQuery
  async explainProgram(@Param('id') id: string, @Query('asOf') asOf: string | undefined): Promise<unknown> {
    const root = streamOf('program', id);
    const { view, position, steps, findings } = await this.explained<ProgramExplained>(
      'program-dashboard',
      root,
      asOf,
      `No program ${id}`,
    );
    return {
      program: root,
      position,
      ruleSet: view.ruleSet,
      funds: view.funds,
      terms: view.terms && {
        version: view.terms.version,
        eventId: view.terms.eventId,
        effectiveFrom: view.terms.effectiveFrom,
      },
      steps,
      findings,
    };
  }

  /** A model's trace and findings with every source event resolved to its stream, revision and position. */
  private async explained<V>(model: string, root: string, asOf: string | undefined, missing: string) {
    const rendered = await this.source.render(model, root, asOf === undefined ? {} : { asOf });
    if (!rendered) throw notFound(`${missing}${asOf ? ` as of ${asOf}` : ''}.`);
    const view = rendered.body as V & { trace: TraceStep[]; findings: Finding[] };
    const { touched } = this.source.renderLive(this.source.readModelOf(model), root);
    const sources = await sourceEvents(this.store, touched, idsOf(view.trace, view.findings), rendered.position);
    return {
      view,
      position: rendered.position,
      sources,
      steps: withSources(view.trace, sources),
      findings: withSources(view.findings, sources),
    };
  }

  private async serve(
    model: string,
    root: string,
    asOf: string | undefined,
    min: string | undefined,
    ifNoneMatch: string | undefined,
    reply: FastifyReply,
  ): Promise<unknown> {
    const rendered: RenderedModel | undefined = await this.source.render(model, root, {
      ...(asOf === undefined ? {} : { asOf }),
      ...(min === undefined ? {} : { minPosition: minPositionOf(min) }),
    });
    if (!rendered) throw notFound(`${root} has no events${asOf ? ` as of ${asOf}` : ''}.`);
    void reply
      .header('etag', rendered.etag)
      .header('x-ledger-position', String(rendered.position))
      .header('cache-control', 'no-cache');
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim() === rendered.etag)) {
      void reply.status(304);
      return '';
    }
    return {
      model: rendered.model,
      id: root,
      position: rendered.position,
      ...(asOf === undefined ? {} : { asOf }),
      data: rendered.body,
    };
  }
}

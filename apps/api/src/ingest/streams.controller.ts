import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { StreamNotFound, type EventStore } from '@ledger/event-store';
import { Allow, CurrentPrincipal } from '../auth/allow.decorator';
import { AppendService, type Principal, validateBody } from '@ledger/ledger';
import { badRequest, notFound, problem, ProblemException } from '../http/problem';
import { LedgerMetrics } from '../metrics/ledger-metrics';
import { EVENT_STORE } from '../ledger/tokens';
import { streamPrefix } from '@ledger/domain';
import { AppendEventsDto } from './append-request.dto';
import { expectedRevisionOf } from './expected-revision';
import { wellFormedAppendBody } from './well-formed-append-body';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** A single event may be posted bare; a list goes in `events`. */
const asAppendBody = (body: unknown): unknown =>
  body !== null && typeof body === 'object' && !Array.isArray(body) && 'type' in body && !('events' in body)
    ? { events: [body] }
    : body;

@ApiTags('streams')
@ApiSecurity('api-key')
@Controller('v1/streams')
export class StreamsController {
  constructor(
    @Inject(AppendService) private readonly appends: AppendService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LedgerMetrics) private readonly metrics: LedgerMetrics,
  ) {}

  @Post(':stream/events')
  @HttpCode(201)
  @Allow('integration')
  @ApiOperation({
    summary: 'Append one or more facts to a stream, atomically',
    description: 'See the request examples for every event type of the catalog.',
  })
  @ApiBody({ type: AppendEventsDto })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'Expected stream revision (the ETag of a previous append or read), or *',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Same key and body → the first response again; same key, other body → 409',
  })
  async append(
    @Param('stream') stream: string,
    @Body() rawBody: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
      throw badRequest('Idempotency-Key must be 1 to 200 visible ASCII characters.', [
        { field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' },
      ]);
    // Rule sets change how every figure is computed: only an admin adopts one (POST /v1/admin/rule-sets).
    if (streamPrefix(stream) === 'ruleset')
      throw new ProblemException(
        problem(
          403,
          'forbidden',
          'This API key may not do that',
          'Rule sets are adopted by an admin: POST /v1/admin/rule-sets.',
        ),
      );
    const shaped = asAppendBody(rawBody);
    const body = wellFormedAppendBody(shaped) ?? validateBody(AppendEventsDto, shaped);
    const expected = expectedRevisionOf(ifMatch, body.expectedRevision);
    const started = process.hrtime.bigint();
    const outcome = await this.appends.append({ principal, stream, body, expected, idempotencyKey });
    if (!outcome.replayed) {
      const kind = streamPrefix(stream);
      this.metrics.appends.inc({ kind });
      this.metrics.eventsAppended.inc({ kind }, body.events.length);
      this.metrics.appendDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    }
    void reply
      .status(outcome.status)
      .header('etag', outcome.etag)
      .header('location', `/v1/streams/${encodeURIComponent(stream)}`);
    if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
    return outcome.body;
  }

  @Get(':stream')
  @Allow('auditor')
  @ApiOperation({ summary: 'Raw events of a stream, as stored (auditors)' })
  async read(
    @Param('stream') stream: string,
    @Query('fromRevision') fromRevision?: string,
    @Query('limit') limit?: string,
  ): Promise<unknown> {
    const from = fromRevision === undefined ? 0 : Number(fromRevision);
    const max = limit === undefined ? 1000 : Number(limit);
    if (!Number.isSafeInteger(from) || from < 0)
      throw badRequest('fromRevision must be a non-negative integer.', [
        { field: 'fromRevision', message: 'must be a non-negative integer' },
      ]);
    if (!Number.isSafeInteger(max) || max < 1 || max > 10_000)
      throw badRequest('limit must be 1 to 10000.', [
        { field: 'limit', message: 'must be an integer from 1 to 10000' },
      ]);
    try {
      const events = await this.store.readStream(stream, { fromRevision: from, maxCount: max });
      const last = events.at(-1);
      return {
        stream,
        events,
        ...(last && events.length === max
          ? { next: `/v1/streams/${encodeURIComponent(stream)}?fromRevision=${last.revision + 1}&limit=${max}` }
          : {}),
      };
    } catch (error) {
      if (error instanceof StreamNotFound) throw notFound(`Stream ${stream} has no events.`);
      throw error;
    }
  }
}

import { Controller, Get, Headers, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { filter } from 'rxjs';
import { toObservable, type EventStore } from '@ledger/event-store';
import { Allow, CurrentPrincipal } from '../auth/allow.decorator';
import { type Principal } from '../auth/roles';
import { badRequest, notFound } from '../http/problem';
import { EVENT_STORE } from '../ledger/tokens';
import { ReadModelSource } from '../read/read-model-source';
import { lastEventIdOf } from './last-event-id';
import { LiveSessions } from './live-sessions';
import { type SseSession } from './sse-session';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}$/;
const PREFIX = /^[A-Za-z0-9._:@-]{0,100}$/;
/** Internal bookkeeping streams (API key hashes, idempotency records) never leave through the firehose. */
const INTERNAL_PREFIX = 'ledger.';

const idOf = (id: string, field: string): string => {
  if (!ID.test(id)) throw badRequest(`${field} must be 1 to 100 letters, digits or ._:@- characters.`, [{ field, message: 'is not a valid id' }]);
  return id;
};

@ApiTags('live')
@ApiSecurity('api-key')
@Controller('v1/live')
@Allow('dashboard', 'auditor')
export class LiveController {
  constructor(
    @Inject(ReadModelSource) private readonly source: ReadModelSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LiveSessions) private readonly sessions: LiveSessions,
  ) {}

  @Get('programs/:id')
  @ApiOperation({ summary: 'Program dashboard, live (SSE): the current model, then each change; id = ledger position' })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume: the model is sent only when newer than this position' })
  async program(@Param('id') id: string, @Headers('last-event-id') last: string | undefined, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.model('program-dashboard', `program-${idOf(id, 'id')}`, last, principal, request, reply);
  }

  @Get('funding-requests/:id')
  @ApiOperation({ summary: 'Funding request (FRN), live (SSE)' })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  async fundingRequest(@Param('id') id: string, @Headers('last-event-id') last: string | undefined, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.model('funding-request', `frn-${idOf(id, 'id')}`, last, principal, request, reply);
  }

  @Get('applicants/:id/compliance')
  @ApiOperation({ summary: "An applicant's compliance findings, live (SSE)" })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  async compliance(@Param('id') id: string, @Headers('last-event-id') last: string | undefined, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.model('compliance', `applicant-${idOf(id, 'id')}`, last, principal, request, reply);
  }

  @Get('events')
  @ApiOperation({ summary: 'Raw recorded events whose stream starts with `prefix`, live (SSE); id = position. Starts at the head unless resumed.' })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'prefix', required: false, example: 'order-' })
  @ApiQuery({ name: 'from', required: false, description: 'Start after this position (Last-Event-ID wins)' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this position' })
  async events(
    @Query('prefix') prefix: string | undefined,
    @Query('from') from: string | undefined,
    @Headers('last-event-id') last: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const wanted = prefix ?? '';
    if (typeof wanted !== 'string' || !PREFIX.test(wanted)) throw badRequest('prefix must be up to 100 letters, digits or ._:@- characters.', [{ field: 'prefix', message: 'is not a valid stream prefix' }]);
    const after = lastEventIdOf(last) ?? this.fromOf(from) ?? (await this.store.headPosition());
    const session = this.sessions.start(principal.keyId, request, reply);
    const subscription = toObservable(() => this.store.subscribeToAll({ fromPosition: after }))
      .pipe(filter((e) => e.stream.startsWith(wanted) && !e.stream.startsWith(INTERNAL_PREFIX)))
      .subscribe({
        next: (event) => void session.send({ id: event.position, event: 'recorded-event', data: event }),
        error: () => session.close('source-failed', 'The event store subscription failed; reconnect with Last-Event-ID to resume.'),
        complete: () => session.close('source-ended', 'The event store closed the subscription; reconnect with Last-Event-ID to resume.'),
      });
    session.onClose(() => subscription.unsubscribe());
  }

  private fromOf(from: string | undefined): number | undefined {
    if (from === undefined) return undefined;
    if (!/^\d+$/.test(from) || !Number.isSafeInteger(Number(from))) throw badRequest('from must be a ledger position (a non-negative integer).', [{ field: 'from', message: 'must be a non-negative integer' }]);
    return Number(from);
  }

  /**
   * Sends the model, then each new version. After a reconnect only versions newer than Last-Event-ID
   * go out, so a client neither misses the latest model nor sees one twice.
   */
  private async model(model: string, rootStream: string, last: string | undefined, principal: Principal, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const after = lastEventIdOf(last);
    if (!(await this.source.render(model, rootStream))) throw notFound(`No ${model} read model for ${rootStream}.`);
    const session: SseSession = this.sessions.start(principal.keyId, request, reply);
    let sent = after ?? -1;
    const subscription = this.source.watch(model, rootStream).subscribe({
      next: (rendered) => {
        if (rendered.position <= sent) return;
        sent = rendered.position;
        session.send({ id: rendered.position, event: model, data: rendered.body });
      },
      error: () => session.close('source-failed', `The ${model} read model failed; reconnect with Last-Event-ID to resume.`),
      complete: () => session.close('source-ended', `The ${model} read model stream ended; reconnect with Last-Event-ID to resume.`),
    });
    session.onClose(() => subscription.unsubscribe());
  }
}

import { Controller, Get, Headers, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, CurrentPrincipal } from '../auth/allow.decorator';
import { type Principal } from '@ledger/ledger';
import { type EventStore } from '@ledger/event-store';
import { notFound } from '../http/problem';
import { EVENT_STORE } from '../ledger/tokens';
import { ReadModelSource } from '../read/read-model-source';
import { streamOf } from '../read/stream-of';
import { lastEventIdOf } from './last-event-id';
import { LiveSessions } from './live-sessions';
import { type SseSession } from './sse-session';

@ApiTags('live')
@ApiSecurity('api-key')
@Controller('v1/live')
@Allow('dashboard', 'auditor')
export class LiveModelsController {
  constructor(
    @Inject(ReadModelSource) private readonly source: ReadModelSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LiveSessions) private readonly sessions: LiveSessions,
  ) {}

  @Get('programs/:id')
  @ApiOperation({ summary: 'Program dashboard, live (SSE): the current model, then each change; id = ledger position' })
  @ApiProduces('text/event-stream')
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'Resume: the model is sent only when newer than this position',
  })
  async program(
    @Param('id') id: string,
    @Headers('last-event-id') last: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.model('program-dashboard', streamOf('program', id), last, principal, request, reply);
  }

  @Get('funding-requests/:id')
  @ApiOperation({ summary: 'Funding request (FRN), live (SSE)' })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  async fundingRequest(
    @Param('id') id: string,
    @Headers('last-event-id') last: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.model('funding-request', streamOf('frn', id), last, principal, request, reply);
  }

  @Get('applicants/:id/compliance')
  @ApiOperation({ summary: "An applicant's compliance findings, live (SSE)" })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  async compliance(
    @Param('id') id: string,
    @Headers('last-event-id') last: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.model('compliance', streamOf('applicant', id), last, principal, request, reply);
  }

  /**
   * Sends the model, then each new version. After a reconnect only versions newer than Last-Event-ID
   * go out, so a client neither misses the latest model nor sees one twice.
   */
  private async model(
    model: string,
    rootStream: string,
    last: string | undefined,
    principal: Principal,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const after = lastEventIdOf(last);
    // The model may trail the store by a batch: a root stream that exists is followed until its model appears.
    if ((await this.store.streamRevision(rootStream)) === undefined)
      throw notFound(`${rootStream} has no events, so there is no ${model} to follow.`);
    const session: SseSession = this.sessions.start(principal.keyId, request, reply);
    let sentPosition = after ?? -1;
    let sentEtag: string | undefined;
    const subscription = this.source.watch(model, rootStream).subscribe({
      next: (rendered) => {
        if (rendered.position <= sentPosition || rendered.etag === sentEtag) return;
        sentPosition = rendered.position;
        sentEtag = rendered.etag;
        session.send({ id: rendered.position, event: model, data: rendered.body });
      },
      error: () =>
        session.close('source-failed', `The ${model} read model failed; reconnect with Last-Event-ID to resume.`),
      complete: () =>
        session.close('source-ended', `The ${model} read model stream ended; reconnect with Last-Event-ID to resume.`),
    });
    session.onClose(() => subscription.unsubscribe());
  }
}

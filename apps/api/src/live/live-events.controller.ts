import { Controller, Get, Headers, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_STREAM_NAME, type EventStore } from '@ledger/event-store';
import { Allow, CurrentPrincipal } from '../auth/allow.decorator';
import { type Principal } from '@ledger/ledger';
import { badRequest } from '../http/problem';
import { EVENT_STORE } from '../ledger/tokens';
import { lastEventIdOf } from './last-event-id';
import { LiveFeed } from './live-feed';
import { LiveSessions } from './live-sessions';

const PREFIX = new RegExp(`^[A-Za-z0-9._:@-]{0,${MAX_STREAM_NAME}}$`);
/** Internal bookkeeping streams (API key hashes, idempotency records) never leave through the firehose. */
const INTERNAL_PREFIX = 'ledger.';

/**
 * The firehose: raw recorded events, straight from the store through the shared live feed (no read model in between).
 */
@ApiTags('live')
@ApiSecurity('api-key')
@Controller('v1/live')
@Allow('dashboard', 'auditor')
export class LiveEventsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LiveSessions) private readonly sessions: LiveSessions,
    @Inject(LiveFeed) private readonly feed: LiveFeed,
  ) {}

  @Get('events')
  @ApiOperation({
    summary:
      'Raw recorded events whose stream starts with `prefix`, live (SSE); id = position. Starts at the head unless resumed.',
  })
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
    if (typeof wanted !== 'string' || !PREFIX.test(wanted))
      throw badRequest(`prefix must be up to ${MAX_STREAM_NAME} letters, digits or ._:@- characters.`, [
        { field: 'prefix', message: 'is not a valid stream prefix' },
      ]);
    const after = lastEventIdOf(last) ?? this.fromOf(from) ?? (await this.store.headPosition());
    const session = this.sessions.start(principal.keyId, request, reply);
    const lost = (reason: 'source-failed' | 'source-ended'): void =>
      reason === 'source-failed'
        ? session.close('source-failed', 'The event store subscription failed; reconnect with Last-Event-ID to resume.')
        : session.close(
            'source-ended',
            'The event store closed the subscription; reconnect with Last-Event-ID to resume.',
          );
    try {
      const leave = await this.feed.join(after, {
        wants: (e) => e.stream.startsWith(wanted) && !e.stream.startsWith(INTERNAL_PREFIX),
        deliver: (_, encoded) => session.sendEncoded(encoded),
        lost,
      });
      session.onClose(leave);
    } catch {
      // The reply is already an event stream: the failure is told in it, not as a problem response.
      lost('source-failed');
    }
  }

  private fromOf(from: string | undefined): number | undefined {
    if (from === undefined) return undefined;
    if (!/^\d+$/.test(from) || !Number.isSafeInteger(Number(from)))
      throw badRequest('from must be a ledger position (a non-negative integer).', [
        { field: 'from', message: 'must be a non-negative integer' },
      ]);
    return Number(from);
  }
}

import { type BeforeApplicationShutdown } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, ProblemException } from '../http/problem';
import { LedgerMetrics } from '../metrics/ledger-metrics';
import { LiveSettings } from './live-settings';
import { SseSession } from './sse-session';

/**
 * Every open live stream of this process: caps them per API key (429 beyond
 * SSE_MAX_SUBSCRIBERS_PER_KEY), keeps the subscriber gauge, and closes them all with a reason when
 * the app shuts down (an open stream would otherwise hold the HTTP server open).
 */
export class LiveSessions implements BeforeApplicationShutdown {
  private readonly perKey = new Map<string, number>();
  private readonly open = new Set<SseSession>();

  constructor(
    private readonly settings: LiveSettings,
    private readonly metrics: LedgerMetrics,
  ) {}

  /** Takes over the reply as an SSE stream for `keyId`, or throws a 429 problem when the key is at its cap. */
  start(keyId: string, request: FastifyRequest, reply: FastifyReply): SseSession {
    const count = this.perKey.get(keyId) ?? 0;
    if (count >= this.settings.maxSubscribersPerKey)
      throw new ProblemException(
        problem(
          429,
          'too-many-subscriptions',
          'Too many live subscriptions',
          `This API key already has ${count} open live streams (limit ${this.settings.maxSubscribersPerKey}); close one first.`,
          {
            limit: this.settings.maxSubscribersPerKey,
          },
        ),
      );
    reply.hijack();
    const session = new SseSession(reply.raw, this.settings, { 'x-request-id': String(request.id) });
    this.perKey.set(keyId, count + 1);
    this.open.add(session);
    this.metrics.sseSubscribers.inc();
    session.onClose(() => {
      this.open.delete(session);
      const left = (this.perKey.get(keyId) ?? 1) - 1;
      if (left > 0) this.perKey.set(keyId, left);
      else this.perKey.delete(keyId);
      this.metrics.sseSubscribers.dec();
    });
    return session;
  }

  get size(): number {
    return this.open.size;
  }

  beforeApplicationShutdown(): void {
    for (const session of [...this.open])
      session.close('server-shutdown', 'The ledger is shutting down; reconnect with Last-Event-ID to resume.');
  }
}

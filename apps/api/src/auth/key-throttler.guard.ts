import { Injectable, type CanActivate, type ExecutionContext, type OnModuleDestroy } from '@nestjs/common';
import { InjectThrottlerOptions, ThrottlerException, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { type AuthenticatedRequest } from './allow.decorator';
import { SlidingWindowLimiter } from './sliding-window-limiter';

/**
 * Rate limits per API key and route (after authentication); unauthenticated calls are limited per
 * address. Configured by ThrottlerModule.forRoot (limit per ttl); counted by a sliding window.
 */
@Injectable()
export class KeyThrottlerGuard implements CanActivate, OnModuleDestroy {
  private readonly limiter: SlidingWindowLimiter;
  private readonly sweeper: NodeJS.Timeout;
  /** Route identity without string building per request: the handler function itself. */
  private readonly routeIds = new WeakMap<object, string>();

  constructor(@InjectThrottlerOptions() options: ThrottlerModuleOptions) {
    const throttlers = Array.isArray(options) ? options : options.throttlers;
    const [only, ...more] = throttlers;
    if (!only || more.length > 0) throw new Error('KeyThrottlerGuard expects exactly one throttler (limit per ttl)');
    if (typeof only.limit !== 'number' || typeof only.ttl !== 'number')
      throw new Error('KeyThrottlerGuard expects a numeric limit and ttl');
    this.limiter = new SlidingWindowLimiter(only.limit, only.ttl);
    this.sweeper = setInterval(() => this.limiter.sweep(), only.ttl).unref();
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const tracker = request.principal ? `key:${request.principal.keyId}` : `ip:${request.ip}`;
    const decision = this.limiter.hit(`${this.routeId(context)}|${tracker}`);
    if (!decision.allowed) {
      void reply.header('retry-after', decision.resetSeconds);
      throw new ThrottlerException();
    }
    void reply
      .header('x-ratelimit-limit', decision.limit)
      .header('x-ratelimit-remaining', decision.remaining)
      .header('x-ratelimit-reset', decision.resetSeconds);
    return true;
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private routeId(context: ExecutionContext): string {
    const handler = context.getHandler();
    let id = this.routeIds.get(handler);
    if (id === undefined) {
      id = `${context.getClass().name}.${handler.name}`;
      this.routeIds.set(handler, id);
    }
    return id;
  }
}

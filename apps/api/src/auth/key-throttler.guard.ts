import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { type AuthenticatedRequest } from './allow.decorator';

/** Rate limits per API key (after authentication); unauthenticated calls are limited per address. */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const req = request as unknown as AuthenticatedRequest;
    return Promise.resolve(req.principal ? `key:${req.principal.keyId}` : `ip:${req.ip}`);
  }
}

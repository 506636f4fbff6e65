import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ALLOWED_ROLES, PUBLIC_ROUTE, type AuthenticatedRequest } from './allow.decorator';
import { KeyRegistry, type Role } from '@ledger/ledger';

/** Reads the key from `X-Api-Key` or `Authorization: Bearer`, never from the URL. */
export function presentedKey(headers: AuthenticatedRequest['headers']): string | undefined {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return header;
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.startsWith('Bearer '))
    return authorization.slice('Bearer '.length).trim();
  return undefined;
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(KeyRegistry) private readonly keys: KeyRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const presented = presentedKey(request.headers);
    if (!presented)
      throw new UnauthorizedException('Send an API key in the X-Api-Key header (or Authorization: Bearer).');
    const principal = await this.keys.authenticate(presented);
    if (!principal) throw new UnauthorizedException('The API key is unknown or revoked.');
    request.principal = principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    if (!allowed.includes(principal.role))
      throw new ForbiddenException(
        `The ${principal.role} role may not call this endpoint (allowed: ${allowed.join(', ') || 'none'}).`,
      );
    return true;
  }
}

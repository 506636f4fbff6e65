import { type LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

/** One pino logger for Fastify's request logs and Nest's own messages: JSON lines with request ids. */
export const createPino = (level: string): Logger =>
  pino({
    level,
    // Keys travel only in headers; redact them should a header ever be logged.
    redact: {
      paths: ['req.headers["x-api-key"]', 'req.headers.authorization', 'headers["x-api-key"]', 'headers.authorization'],
      censor: '[redacted]',
    },
  });

/** Nest's start-up chatter (every module and route) is debug detail, not an operator's info. */
const BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}
  log(message: unknown, context?: string): void {
    if (context !== undefined && BOOT_CONTEXTS.has(context)) this.pino.debug({ context }, String(message));
    else this.pino.info({ context }, String(message));
  }
  /** Nest passes a message string; the problem filter passes `{ err, reqId }` so pino serialises the error itself. */
  error(message: unknown, trace?: string, context?: string): void {
    if (message !== null && typeof message === 'object' && !(message instanceof Error))
      this.pino.error({ ...message, context }, trace ?? 'error');
    else if (message instanceof Error) this.pino.error({ err: message, context }, message.message);
    else this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.pino.trace({ context }, String(message));
  }
}

import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { toProblem } from './to-problem';

/** The one place errors become responses: RFC 9457 problem+json, 5xx logged, never leaked. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    sendProblem(reply, request, error, this.logger);
  }
}

function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  error: unknown,
  logger: Pick<Logger, 'error'>,
): void {
  const body = { ...toProblem(error), instance: request.url.split('?')[0] };
  if (body.status >= 500) logger.error({ err: error, reqId: request.id }, 'request failed');
  if (reply.sent) return;
  void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}

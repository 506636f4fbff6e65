import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/allow.decorator';
import { notFound } from '../http/problem';
import { chartJsBundle, PAGE_ASSETS, publicDir } from './dashboard-assets';

/**
 * The page may load scripts and styles only from this origin and talk only to it, so a key typed
 * into it can go nowhere else. chart.js sets canvas sizes through inline styles.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The state program dashboard: a static page (public) whose data comes from the live API with a key. */
@ApiExcludeController()
@Controller('dashboard')
@Public()
export class DashboardController {
  private readonly root = publicDir();
  private readonly chartJs = chartJsBundle();

  @Get()
  page(@Res() reply: FastifyReply): void {
    void reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(join(this.root, 'index.html')));
  }

  @Get('assets/chart.umd.js')
  chart(@Res() reply: FastifyReply): void {
    void reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(this.chartJs));
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const type = Object.hasOwn(PAGE_ASSETS, file) ? PAGE_ASSETS[file] : undefined;
    if (!type) throw notFound(`No dashboard asset ${file}.`);
    void reply
      .header('content-type', type)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(join(this.root, file)));
  }
}

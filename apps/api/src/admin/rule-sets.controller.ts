import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ERATE_RULE_SET_STREAM } from '@ledger/domain';
import { Allow, CurrentPrincipal } from '../auth/allow.decorator';
import { adoptRuleSet, AppendService, type Principal } from '@ledger/ledger';
import { badRequest } from '../http/problem';
import { ProjectedReadModelSource } from '../read/projected-read-model-source';
import { AdoptRuleSetDto } from './adopt-rule-set.dto';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** E-Rate rule sets: an admin adopts one without a release; auditors and dashboards list them. */
@ApiTags('rule sets')
@ApiSecurity('api-key')
@Controller('v1')
export class RuleSetsController {
  constructor(
    @Inject(AppendService) private readonly appends: AppendService,
    @Inject(ProjectedReadModelSource) private readonly source: ProjectedReadModelSource,
  ) {}

  @Post('admin/rule-sets')
  @HttpCode(201)
  @Allow('admin')
  @ApiOperation({
    summary: 'Adopt an E-Rate rule set for its funding years',
    description:
      'Recorded on the ruleset-erate stream. 422 names the code (rule-set-invalid with the fields, rule-set-duplicate, rule-set-overlap, rule-set-unknown, rule-set-builtin-mismatch, rule-set-already-superseded); nothing is written.',
  })
  @ApiBody({ type: AdoptRuleSetDto })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body → the first response again' })
  async adopt(
    @Body() raw: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<unknown> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey))
      throw badRequest('Idempotency-Key must be 1 to 200 visible ASCII characters.', [
        { field: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' },
      ]);
    return adoptRuleSet(this.appends, principal, raw, idempotencyKey);
  }

  @Get('rule-sets')
  @Allow('auditor', 'dashboard', 'admin')
  @ApiOperation({
    summary:
      'Every E-Rate rule set: funding years, sources, unconfirmed figures, whether in force, the event and position that recorded it',
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'Replay: a global position or an ISO-8601 instant' })
  @ApiQuery({
    name: 'minPosition',
    required: false,
    description: 'Wait (up to 5 s) until the read models reflect this position: pass the position an adoption returned',
  })
  async list(@Query('asOf') asOf: string | undefined, @Query('minPosition') min: string | undefined): Promise<unknown> {
    if (min !== undefined && !/^\d{1,15}$/.test(min))
      throw badRequest('minPosition must be a global position.', [
        { field: 'minPosition', message: 'must be a non-negative integer' },
      ]);
    const rendered = await this.source.render('rule-sets', ERATE_RULE_SET_STREAM, {
      ...(asOf === undefined ? {} : { asOf }),
      ...(min === undefined ? {} : { minPosition: Number(min) }),
    });
    return rendered?.body;
  }
}

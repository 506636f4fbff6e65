import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { badRequest, notFound } from '../http/problem';
import { KeyRegistry, type Role, ROLES, validateBody } from '@ledger/ledger';
import { Allow } from '../auth/allow.decorator';

export class IssueKeyDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ example: 'Acme Devices order feed' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  label!: string;

  @ApiPropertyOptional({
    description: 'Integration keys only: streams this key may write start with this prefix',
    example: 'order-acme-',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}$/)
  streamPrefix?: string;
}

export class RevokeKeyDto {
  @ApiPropertyOptional({ example: 'vendor contract ended' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

@ApiTags('admin')
@ApiSecurity('api-key')
@Controller('v1/admin/keys')
@Allow('admin')
export class KeysController {
  constructor(@Inject(KeyRegistry) private readonly keys: KeyRegistry) {}

  @Get()
  @ApiOperation({ summary: 'API keys (never their secrets)' })
  async list(): Promise<unknown> {
    return { keys: await this.keys.list() };
  }

  @Post()
  @ApiOperation({ summary: 'Issue an API key; the key is shown once' })
  async issue(@Body() raw: unknown): Promise<unknown> {
    const body = validateBody(IssueKeyDto, raw);
    if (body.streamPrefix !== undefined && body.role !== 'integration')
      throw badRequest('streamPrefix limits where a key may write, so only integration keys take one.', [
        { field: 'streamPrefix', message: 'is only for integration keys' },
      ]);
    return this.keys.issue(body.role, body.label, body.streamPrefix);
  }

  @Delete(':keyId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API key; it stops working at once on this node' })
  async revoke(@Param('keyId') keyId: string, @Body() raw: unknown): Promise<unknown> {
    const body = validateBody(RevokeKeyDto, raw ?? {});
    if (!(await this.keys.revoke(keyId, body.reason ?? 'revoked by an administrator')))
      throw notFound(`No active key ${keyId}.`);
    return { keyId, revoked: true };
  }
}

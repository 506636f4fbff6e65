import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** Who and why, as the integration tells it; the ledger adds actor, schemaVersion and recordedAt. */
export class EventMetadataDto {
  @ApiPropertyOptional({ description: 'System the fact came from', example: 'district-erp' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  source?: string;

  @ApiPropertyOptional({ example: '6f1c3c43-3b0b-4a44-9f5e-2d8a1f0c9b11' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  correlationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  causationId?: string;

  @ApiPropertyOptional({
    description: 'When the fact happened in the world (ISO-8601); picks the rule set in force',
    example: '2025-02-03T15:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({
    description: 'Rule set the fact is judged by; defaults to the one in force at occurredAt',
    example: 'erate-2025',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{0,63}$/)
  ruleSet?: string;
}

export class EventDto {
  @ApiPropertyOptional({ description: 'UUID; generated when absent. Reusing an id is refused.', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  id?: string;

  @ApiProperty({ description: 'Event type from the stream catalog (past tense)', example: 'FundingRequestDrafted' })
  @IsString()
  @Matches(/^[A-Z][A-Za-z0-9]{1,79}$/, { message: 'type must be an event type name such as FundingRequestDrafted' })
  type!: string;

  @ApiProperty({
    description: 'Event data; its shape is the catalog entry of the type (see the examples)',
    type: 'object',
    additionalProperties: true,
  })
  @IsDefined()
  @IsObject()
  data!: Record<string, unknown>;

  @ApiPropertyOptional({ type: EventMetadataDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EventMetadataDto)
  metadata?: EventMetadataDto;
}

export class AppendEventsDto {
  @ApiProperty({ type: [EventDto], description: 'Appended atomically, in order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => EventDto)
  events!: EventDto[];

  @ApiPropertyOptional({
    description:
      "Expected stream revision: a number, 'no_stream', 'stream_exists' or 'any'. The If-Match header may carry it instead.",
    oneOf: [
      { type: 'integer', minimum: 0 },
      { type: 'string', enum: ['no_stream', 'stream_exists', 'any'] },
    ],
  })
  @IsOptional()
  expectedRevision?: number | 'no_stream' | 'stream_exists' | 'any';
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { adoptionOf, erate2030 } from '@ledger/domain';

const ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const example = { ...adoptionOf(erate2030, '2030-12-01'), id: 'erate-2035', description: 'E-Rate FY2031–FY2035', fundingYears: { first: 2031, last: 2035 } };

export class FundingYearsDto {
  @ApiProperty({ example: 2031 }) @IsInt() @Min(1998) @Max(2200)
  first!: number;

  @ApiPropertyOptional({ example: 2035, description: 'Absent while no later set is known' }) @IsOptional() @IsInt() @Min(1998) @Max(2200)
  last?: number;
}

/**
 * The adoption of an E-Rate rule set. The boundary checks the envelope; every parameter is checked by
 * the domain, which answers 422 `rule-set-invalid` naming each bad field.
 */
export class AdoptRuleSetDto {
  @ApiProperty({ example: example.id, description: 'New id, or a built-in id with exactly its content' }) @IsString() @Matches(ID, { message: 'id must be lower-case letters, digits, . and -, at most 64' })
  id!: string;

  @ApiProperty({ example: example.description }) @IsString() @MinLength(1) @MaxLength(500)
  description!: string;

  @ApiProperty({ type: FundingYearsDto }) @IsDefined() @ValidateNested() @Type(() => FundingYearsDto)
  fundingYears!: FundingYearsDto;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Every figure of ErateParams (see GET /v1/rule-sets for the built-ins)', example: example.params })
  @IsDefined() @IsObject()
  params!: Record<string, unknown>;

  @ApiProperty({ type: [String], example: example.sources, description: 'Public sources of the figures, by their public names; at least one' })
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(500, { each: true })
  sources!: string[];

  @ApiPropertyOptional({ type: [String], example: example.unconfirmed, description: 'Figures not confirmed from a public source, each said in words' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(500, { each: true })
  unconfirmed?: string[];

  @ApiPropertyOptional({ example: 'erate-2030', description: 'A set this one takes out of force' }) @IsOptional() @IsString() @Matches(ID, { message: 'supersedes must be a rule-set id' })
  supersedes?: string;

  @ApiPropertyOptional({ example: '2030-12-01', description: 'Date of adoption (YYYY-MM-DD); today when absent' }) @IsOptional() @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'adoptedOn must be a date YYYY-MM-DD' })
  adoptedOn?: string;
}

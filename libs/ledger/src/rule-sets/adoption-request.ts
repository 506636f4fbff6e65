// class-transformer reads the design types of nested requests: the CLI and the API load it at start, a spec may not.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;

export class FundingYearsRequest {
  @IsInt()
  @Min(1998)
  @Max(2200)
  first!: number;

  @IsOptional()
  @IsInt()
  @Min(1998)
  @Max(2200)
  last?: number;
}

/**
 * The adoption of an E-Rate rule set, as an admin asks for it (the body of POST /v1/admin/rule-sets,
 * the file of `ledger rules adopt`). These rules check its shape; every parameter is checked by the
 * domain, which refuses with `rule-set-invalid` naming each bad field. apps/api documents it as
 * AdoptRuleSetDto.
 */
export class RuleSetAdoptionRequest {
  @IsString()
  @Matches(ID, { message: 'id must be lower-case letters, digits, . and -, at most 64' })
  id!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => FundingYearsRequest)
  fundingYears!: FundingYearsRequest;

  @IsDefined()
  @IsObject()
  params!: Record<string, unknown>;

  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  sources!: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  unconfirmed?: string[];

  @IsOptional()
  @IsString()
  @Matches(ID, { message: 'supersedes must be a rule-set id' })
  supersedes?: string;

  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'adoptedOn must be a date YYYY-MM-DD' })
  adoptedOn?: string;
}

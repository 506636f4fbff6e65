import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { adoptionOf, erate2030 } from '@ledger/domain';
import { type FundingYearsRequest, type RuleSetAdoptionRequest } from '@ledger/ledger';

const example = {
  ...adoptionOf(erate2030, '2030-12-01'),
  id: 'erate-2035',
  description: 'E-Rate FY2031–FY2035',
  fundingYears: { first: 2031, last: 2035 },
};

export class FundingYearsDto implements FundingYearsRequest {
  @ApiProperty({ example: 2031 })
  first!: number;

  @ApiPropertyOptional({ example: 2035, description: 'Absent while no later set is known' })
  last?: number;
}

/**
 * The adoption of an E-Rate rule set, as OpenAPI shows it. Its rules are libs/ledger's
 * RuleSetAdoptionRequest (the CLI's `rules adopt` checks files by them too); every parameter is checked
 * by the domain, which answers 422 `rule-set-invalid` naming each bad field.
 */
export class AdoptRuleSetDto implements RuleSetAdoptionRequest {
  @ApiProperty({ example: example.id, description: 'New id, or a built-in id with exactly its content' })
  id!: string;

  @ApiProperty({ example: example.description })
  description!: string;

  @ApiProperty({ type: FundingYearsDto })
  fundingYears!: FundingYearsDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Every figure of ErateParams (see GET /v1/rule-sets for the built-ins)',
    example: example.params,
  })
  params!: Record<string, unknown>;

  @ApiProperty({
    type: [String],
    example: example.sources,
    description: 'Public sources of the figures, by their public names; at least one',
  })
  sources!: string[];

  @ApiPropertyOptional({
    type: [String],
    example: example.unconfirmed,
    description: 'Figures not confirmed from a public source, each said in words',
  })
  unconfirmed?: string[];

  @ApiPropertyOptional({ example: 'erate-2030', description: 'A set this one takes out of force' })
  supersedes?: string;

  @ApiPropertyOptional({ example: '2030-12-01', description: 'Date of adoption (YYYY-MM-DD); today when absent' })
  adoptedOn?: string;
}

import { type CalendarDate } from '../shared/dates';
import { type StreamDefinition } from '../shared/decider';
import { type DomainEvent } from '../shared/envelope';
import { type FieldError } from '../shared/errors';
import { identifier } from '../shared/identifier';
import { type Cents } from '../shared/money';
import {
  arrayOf,
  calendarDate,
  cents,
  count,
  object,
  oneOf,
  positiveCount,
  text,
  validator,
  type Check,
} from '../shared/validation';
import { COOPERATIVE_CONTRACT_RULE_SET_IDS } from './rule-sets';

export const LINE_KINDS = ['device', 'hotspot', 'service'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/**
 * The suite of services a cooperative contract covers ("How States Can Leverage Purchasing Power to Support 1:1
 * Learning", MLTI).
 */
export const CATALOG_CATEGORIES = [
  'device',
  'hotspot',
  'warranty',
  'repair',
  'technical-support',
  'asset-management',
  'software',
  'carrying-case',
  'replacement',
  'project-management',
  'professional-development',
  'connectivity',
] as const;
export type CatalogCategory = (typeof CATALOG_CATEGORIES)[number];

export const SLA_REMEDIES = ['repair', 'replacement', 'service-credit'] as const;
export type SlaRemedy = (typeof SLA_REMEDIES)[number];

/** From `minCohortQuantity` units ordered by the whole cohort, each unit costs `unitPrice`. */
export interface PriceTier {
  minCohortQuantity: number;
  unitPrice: Cents;
}

export interface CatalogItem {
  itemId: string;
  description: string;
  kind: LineKind;
  category: CatalogCategory;
  /** Ascending thresholds, the first at 0, prices not rising. */
  priceTiers: PriceTier[];
}

export interface SlaTerms {
  /** Calendar days from a reported breach within which the vendor must apply a remedy. */
  remedyWithinDays: number;
  remedies: SlaRemedy[];
  /** Last day of on-site repair and replacement coverage. */
  repairReplacementCoverageEndsOn: CalendarDate;
}

export const STATE_ROLES = ['master-contract', 'purchasing-aggregator', 'program-coordinator'] as const;
/**
 * The staged roles a state may take under the contract ("How States Can Leverage Purchasing Power to Support 1:1
 * Learning", "a staged approach").
 */
export type StateRole = (typeof STATE_ROLES)[number];

export type CooperativeContractAwarded = DomainEvent<
  'CooperativeContractAwarded',
  {
    name: string;
    leadState: string;
    vendor: string;
    catalog: CatalogItem[];
    termStart: CalendarDate;
    termEnd: CalendarDate;
    sla: SlaTerms;
    ruleSet: string;
    awardedOn: CalendarDate;
  }
>;
export type ParticipatingAddendumSigned = DomainEvent<
  'ParticipatingAddendumSigned',
  { usState: string; role: StateRole; signedOn: CalendarDate }
>;
export type ContractExtended = DomainEvent<
  'ContractExtended',
  { termEnd: CalendarDate; repairReplacementCoverageEndsOn: CalendarDate; extendedOn: CalendarDate }
>;

export type ContractEvent = CooperativeContractAwarded | ParticipatingAddendumSigned | ContractExtended;

const usStateCode: Check = (v, f) =>
  typeof v === 'string' && /^[A-Z]{2}$/.test(v)
    ? []
    : [{ field: f, message: 'must be a two-letter state code like ME' }];

/** Tiers start at zero and climb; a higher tier never costs more per unit. */
const tierLadder: Check = (v, f) => {
  const shape = arrayOf(object({ minCohortQuantity: count, unitPrice: cents }), { min: 1, max: 50 })(v, f);
  if (shape.length > 0) return shape;
  const tiers = v as PriceTier[];
  const errors: FieldError[] = [];
  if (tiers[0]!.minCohortQuantity !== 0)
    errors.push({ field: `${f}[0].minCohortQuantity`, message: 'must be 0: the first tier prices any quantity' });
  tiers.forEach((tier, i) => {
    const previous = tiers[i - 1];
    if (!previous) return;
    if (tier.minCohortQuantity <= previous.minCohortQuantity) {
      errors.push({ field: `${f}[${i}].minCohortQuantity`, message: "must be greater than the previous tier's" });
    }
    if (tier.unitPrice > previous.unitPrice)
      errors.push({ field: `${f}[${i}].unitPrice`, message: "must not exceed the previous tier's" });
  });
  return errors;
};

const catalogItem = object({
  itemId: identifier,
  description: text,
  kind: oneOf(LINE_KINDS),
  category: oneOf(CATALOG_CATEGORIES),
  priceTiers: tierLadder,
});

const uniqueItems: Check = (v, f) => {
  const shape = arrayOf(catalogItem, { min: 1, max: 500 })(v, f);
  if (shape.length > 0) return shape;
  const seen = new Set<string>();
  return (v as CatalogItem[]).flatMap((item, i) => {
    if (seen.has(item.itemId)) return [{ field: `${f}[${i}].itemId`, message: 'must be unique in the catalog' }];
    seen.add(item.itemId);
    return [];
  });
};

const awardedShape = {
  name: text,
  leadState: usStateCode,
  vendor: text,
  catalog: uniqueItems,
  termStart: calendarDate,
  termEnd: calendarDate,
  sla: object({
    remedyWithinDays: positiveCount,
    remedies: arrayOf(oneOf(SLA_REMEDIES), { min: 1, max: 3 }),
    repairReplacementCoverageEndsOn: calendarDate,
  }),
  ruleSet: oneOf(COOPERATIVE_CONTRACT_RULE_SET_IDS),
  awardedOn: calendarDate,
};

const validateAwarded = (data: unknown): FieldError[] => {
  const errors = validator(awardedShape)(data);
  if (errors.length > 0) return errors;
  const d = data as CooperativeContractAwarded['data'];
  return d.termEnd < d.termStart ? [{ field: 'termEnd', message: 'must not be before termStart' }] : [];
};

export const contractEvents: StreamDefinition<ContractEvent>['events'] = {
  CooperativeContractAwarded: {
    description:
      'A cooperative contract was awarded: vendor, catalog with volume price tiers, term, SLA terms and remedies.',
    schemaVersion: 1,
    validate: validateAwarded,
    example: {
      name: 'MLTI Learning Technology Solutions',
      leadState: 'ME',
      vendor: 'Apple Inc.',
      catalog: [
        {
          itemId: 'ipad-10',
          description: 'iPad 10.2" 32GB with case',
          kind: 'device',
          category: 'device',
          priceTiers: [
            { minCohortQuantity: 0, unitPrice: 29_900 },
            { minCohortQuantity: 10_000, unitPrice: 27_900 },
            { minCohortQuantity: 50_000, unitPrice: 25_900 },
          ],
        },
        {
          itemId: 'pd-day',
          description: 'Professional development day',
          kind: 'service',
          category: 'professional-development',
          priceTiers: [{ minCohortQuantity: 0, unitPrice: 250_000 }],
        },
      ],
      termStart: '2020-07-01',
      termEnd: '2024-06-30',
      sla: { remedyWithinDays: 5, remedies: ['repair', 'replacement'], repairReplacementCoverageEndsOn: '2023-06-30' },
      ruleSet: 'coop-naspo-mlti',
      awardedOn: '2020-06-15',
    },
  },
  ParticipatingAddendumSigned: {
    description: 'A state signed a participating addendum, taking one of the staged roles under the contract.',
    schemaVersion: 1,
    validate: validator({ usState: usStateCode, role: oneOf(STATE_ROLES), signedOn: calendarDate }),
    example: { usState: 'NV', role: 'purchasing-aggregator', signedOn: '2020-07-10' },
  },
  ContractExtended: {
    description: 'The contract term (and repair/replacement coverage) was extended.',
    schemaVersion: 1,
    validate: validator({
      termEnd: calendarDate,
      repairReplacementCoverageEndsOn: calendarDate,
      extendedOn: calendarDate,
    }),
    example: { termEnd: '2026-06-30', repairReplacementCoverageEndsOn: '2025-06-30', extendedOn: '2024-05-01' },
  },
};

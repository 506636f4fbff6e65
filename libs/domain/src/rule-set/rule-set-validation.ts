import { type FieldError } from '../shared/errors';
import {
  arrayOf,
  basisPoints,
  calendarDate,
  cents,
  type Check,
  count,
  object,
  oneOf,
  optional,
  percentInt,
  positiveCount,
  text,
} from '../shared/validation';
import { type ErateParams } from './erate-params';
import { type ErateRuleSetAdopted } from './adoption';
import { fundingYear } from './events';

const err = (field: string, message: string): FieldError[] => [{ field, message }];

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const monthDay: Check = (v, f) =>
  typeof v === 'string' && MONTH_DAY.test(v) ? [] : err(f, 'must be a month and day MM-DD');

const discounts = object({ urban: percentInt, rural: percentInt });
const band = object({ fromBasisPoints: basisPoints, label: text, category1: discounts, category2: discounts });

/** Bands start at 0% and rise strictly, so every NSLP share falls in exactly one band. */
const discountMatrix: Check = (v, f) => {
  const shape = arrayOf(band, { min: 1, max: 20 })(v, f);
  if (shape.length > 0) return shape;
  const bands = v as { fromBasisPoints: number }[];
  if (bands[0]!.fromBasisPoints !== 0) return err(`${f}[0].fromBasisPoints`, 'must be 0: the first band starts at 0%');
  return bands.flatMap((b, i) =>
    i > 0 && b.fromBasisPoints <= bands[i - 1]!.fromBasisPoints
      ? err(`${f}[${i}].fromBasisPoints`, 'must be above the band before it: bands ascend')
      : [],
  );
};

const cycle = { cycleStartFundingYear: fundingYear, cycleYears: positiveCount };
const BUDGET_BASES = ['district-wide', 'unsupported'] as const;
const categoryTwoBudget: Check = (v, f) => {
  const basis = v !== null && typeof v === 'object' ? (v as { basis?: unknown }).basis : undefined;
  if (basis === 'district-wide') {
    return object({
      basis: oneOf(BUDGET_BASES),
      ...cycle,
      perStudent: cents,
      perLibrarySquareFoot: cents,
      floor: cents,
      tribalLibraryFloor: cents,
      hybridMaxEntities: count,
    })(v, f);
  }
  if (basis === 'unsupported') return object({ basis: oneOf(BUDGET_BASES), ...cycle, reason: text })(v, f);
  return err(`${f}.basis`, `must be one of ${BUDGET_BASES.join(', ')}`);
};

const window = object({ opens: calendarDate, closes: calendarDate, source: text });
/** Windows by funding year; each opens on or before it closes. */
const form471Windows: Check = (v, f) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    return err(f, 'must be an object of windows by funding year');
  return Object.entries(v as Record<string, unknown>).flatMap(([year, w]) => {
    const at = `${f}.${year}`;
    if (!/^\d{4}$/.test(year)) return err(at, 'must be keyed by a four-digit funding year');
    const shape = window(w, at);
    if (shape.length > 0) return shape;
    const { opens, closes } = w as { opens: string; closes: string };
    return opens <= closes ? [] : err(`${at}.closes`, `must not be before opens (${opens})`);
  });
};

/** One check per parameter: a field added to ErateParams without a check here does not compile. */
const paramChecks = {
  thirtyPercentThresholdBasisPoints: basisPoints,
  discountMatrix,
  cepMultiplierBasisPoints: positiveCount,
  nslpRounding: oneOf(['whole-percent-half-up']),
  stateMatch: object({
    maxExtraPoints: percentInt,
    maxTotalPercent: percentInt,
    appliesTo: oneOf(['category-1-special-construction']),
  }),
  categoryTwoBudget,
  allowableContractDays: count,
  form486DueDays: count,
  invoiceDueDays: count,
  invoiceExtensionDays: count,
  invoiceExtensionsAllowed: count,
  serviceDelivery: object({ recurringLastDay: monthDay, nonRecurringLastDay: monthDay }),
  recordsRetentionYears: count,
  tradeInMinimumYears: count,
  gifts: object({ perItemMax: cents, perSourcePerFundingYearMax: cents }),
  form471Windows,
} satisfies Record<keyof ErateParams, Check>;

const fundingYears: Check = (v, f) => {
  const shape = object({ first: fundingYear, last: optional(fundingYear) })(v, f);
  if (shape.length > 0) return shape;
  const { first, last } = v as { first: number; last?: number };
  return last !== undefined && last < first ? err(`${f}.last`, `must not be before first (${first})`) : [];
};

/**
 * Everything wrong with an adoption in substance, each error naming its field: the funding years, every
 * parameter's shape and range (percentages 0–100, money in cents, ascending discount bands, dates),
 * and at least one public source. An empty list means the set may be judged by the decider.
 */
export function erateRuleSetErrors(adoption: ErateRuleSetAdopted): FieldError[] {
  return [
    ...fundingYears(adoption.fundingYears, 'fundingYears'),
    ...object(paramChecks)(adoption.params, 'params'),
    ...(adoption.sources.length === 0 ? err('sources', 'must name at least one public source of the figures') : []),
  ];
}
